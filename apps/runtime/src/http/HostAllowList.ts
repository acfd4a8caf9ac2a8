import { BlockList } from 'node:net';
import { ipFamilyOf, withoutZone } from './ipRanges.ts';

const hostNamePattern =
  /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

export class HostAllowListError extends Error {
  override name = 'HostAllowListError';
}

/**
 * The hosts HTTP lookup nodes may call although they are internal (CALLFLOW_HTTP_ALLOW): exact host
 * names, IP addresses and CIDR ranges. A name is trusted whatever it resolves to; an address or range
 * allows any host name that resolves into it.
 */
export class HostAllowList {
  readonly #names = new Set<string>();
  readonly #addresses = new BlockList();
  readonly #entries: string[] = [];

  /** Entries as configured (normalized), for logs. */
  get entries(): readonly string[] {
    return this.#entries;
  }

  allowsName(hostName: string): boolean {
    return this.#names.has(normalizeHostName(hostName));
  }

  allowsAddress(address: string): boolean {
    const bare = withoutZone(address);
    const family = ipFamilyOf(bare);
    return family !== undefined && this.#addresses.check(bare, family);
  }

  /**
   * Parses a comma-separated list such as `127.0.0.1,crm.internal,10.1.0.0/16`; blanks are ignored.
   * Throws HostAllowListError naming the first bad entry and what is wrong with it.
   */
  static parse(text: string): HostAllowList {
    const list = new HostAllowList();
    for (const raw of text.split(',')) {
      const entry = raw.trim();
      if (entry !== '') list.#add(entry);
    }
    return list;
  }

  #add(entry: string): void {
    if (entry.includes('://'))
      throw new HostAllowListError(`"${entry}" is an address: give only its host name (e.g. crm.internal)`);
    const slash = entry.indexOf('/');
    if (slash !== -1) {
      const network = entry.slice(0, slash);
      const prefixText = entry.slice(slash + 1);
      const family = ipFamilyOf(network);
      if (family === undefined || network.includes('%'))
        throw new HostAllowListError(
          `"${entry}" is not a valid CIDR range: "${network}" is not an IP address (e.g. 10.1.0.0/16 or fd00::/8)`,
        );
      const max = family === 'ipv4' ? 32 : 128;
      const prefix = Number(prefixText);
      if (!/^\d{1,3}$/.test(prefixText) || prefix > max)
        throw new HostAllowListError(
          `"${entry}" is not a valid CIDR range: the prefix length must be a whole number from 0 to ${max} for an ${family === 'ipv4' ? 'IPv4' : 'IPv6'} network`,
        );
      this.#addresses.addSubnet(network, prefix, family);
      this.#entries.push(`${network.toLowerCase()}/${prefix}`);
      return;
    }
    const bracketed = /^\[(.*)\]$/.exec(entry)?.[1];
    const address = bracketed ?? entry;
    const family = ipFamilyOf(address);
    if (family !== undefined) {
      if (address.includes('%'))
        throw new HostAllowListError(`"${entry}": leave the IPv6 zone (%...) out of the address`);
      this.#addresses.addAddress(address, family);
      this.#entries.push(address.toLowerCase());
      return;
    }
    const name = normalizeHostName(entry);
    // URLs read a name whose last label is a number as an IPv4 address (http://10.1/ is 10.0.0.1).
    if (/(^|\.)(\d+|0x[0-9a-f]*)$/.test(name))
      throw new HostAllowListError(`"${entry}" is neither a complete IP address nor a host name`);
    if (!hostNamePattern.test(name))
      throw new HostAllowListError(
        `"${entry}" is not a host name, an IP address or a CIDR range (e.g. crm.internal, 127.0.0.1, 10.1.0.0/16)`,
      );
    this.#names.add(name);
    this.#entries.push(name);
  }
}

/** Lower case, without the trailing dot of a fully qualified name. */
export function normalizeHostName(hostName: string): string {
  return hostName.toLowerCase().replace(/\.$/, '');
}
