import { BlockList } from 'node:net';
import { ipFamilyOf, withoutZone } from './ipRanges.ts';

const hostNamePattern =
  /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/**
 * The ports an entry without a port allows: the standard HTTP and HTTPS ports. Services on other
 * ports of an allowed host (ARI on 8088, the API on 3001, metrics on 9464 when the host is
 * 127.0.0.1) stay closed unless an entry names their port.
 */
export const standardWebPorts: readonly number[] = [80, 443];

export class HostAllowListError extends Error {
  override name = 'HostAllowListError';
}

interface AllowedOnPort {
  names: Set<string>;
  addresses: BlockList;
}

/**
 * The internal hosts HTTP lookup nodes may call (CALLFLOW_HTTP_ALLOW), each on its ports: exact
 * host names, IP addresses and CIDR ranges, each optionally with a port (`crm.internal:8443`,
 * `127.0.0.1:8080`, `[::1]:8080`, `10.1.0.0/16:8080`). An entry without a port allows ports 80 and
 * 443 only. A name is trusted whatever it resolves to; an address or range allows any host name
 * that resolves into it. Public addresses need no entry (on any port).
 */
export class HostAllowList {
  readonly #byPort = new Map<number, AllowedOnPort>();
  readonly #entries: string[] = [];

  /** Entries as configured (normalized), for logs. */
  get entries(): readonly string[] {
    return this.#entries;
  }

  /** `port` defaults to 443: without one, the question is whether a standard web port is open. */
  allowsName(hostName: string, port = 443): boolean {
    return this.#byPort.get(port)?.names.has(normalizeHostName(hostName)) ?? false;
  }

  /** `port` defaults to 443, as for allowsName. */
  allowsAddress(address: string, port = 443): boolean {
    const bare = withoutZone(address);
    const family = ipFamilyOf(bare);
    if (family === undefined) return false;
    return this.#byPort.get(port)?.addresses.check(bare, family) ?? false;
  }

  /**
   * Parses a comma-separated list such as `127.0.0.1:8080,crm.internal,10.1.0.0/16:8443`; blanks
   * are ignored. Throws HostAllowListError naming the first bad entry and what is wrong with it.
   */
  static parse(text: string): HostAllowList {
    const list = new HostAllowList();
    for (const raw of text.split(',')) {
      const entry = raw.trim();
      if (entry !== '') list.#add(entry);
    }
    return list;
  }

  #on(ports: readonly number[]): AllowedOnPort[] {
    return ports.map((port) => {
      let allowed = this.#byPort.get(port);
      if (allowed === undefined) {
        allowed = { names: new Set(), addresses: new BlockList() };
        this.#byPort.set(port, allowed);
      }
      return allowed;
    });
  }

  #add(entry: string): void {
    if (entry.includes('://'))
      throw new HostAllowListError(
        `"${entry}" is an address: give only its host name and port (e.g. crm.internal:8080)`,
      );
    const { host, port } = splitPort(entry);
    const ports = port === undefined ? standardWebPorts : [port];
    const suffix = port === undefined ? '' : `:${port}`;
    const slash = host.indexOf('/');
    if (slash !== -1) {
      const network = unbracketed(host.slice(0, slash));
      const prefixText = host.slice(slash + 1);
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
      for (const allowed of this.#on(ports)) allowed.addresses.addSubnet(network, prefix, family);
      this.#entries.push(`${network.toLowerCase()}/${prefix}${suffix}`);
      return;
    }
    const address = unbracketed(host);
    const family = ipFamilyOf(address);
    if (family !== undefined) {
      if (address.includes('%'))
        throw new HostAllowListError(`"${entry}": leave the IPv6 zone (%...) out of the address`);
      for (const allowed of this.#on(ports)) allowed.addresses.addAddress(address, family);
      const shown = address.toLowerCase();
      this.#entries.push(
        family === 'ipv6' && port !== undefined ? `[${shown}]${suffix}` : `${shown}${suffix}`,
      );
      return;
    }
    const name = normalizeHostName(host);
    // URLs read a name whose last label is a number as an IPv4 address (http://10.1/ is 10.0.0.1).
    if (/(^|\.)(\d+|0x[0-9a-f]*)$/.test(name))
      throw new HostAllowListError(`"${entry}" is neither a complete IP address nor a host name`);
    if (!hostNamePattern.test(name))
      throw new HostAllowListError(
        `"${entry}" is not a host name, an IP address or a CIDR range (e.g. crm.internal, 127.0.0.1:8080, 10.1.0.0/16)`,
      );
    for (const allowed of this.#on(ports)) allowed.names.add(name);
    this.#entries.push(`${name}${suffix}`);
  }
}

/**
 * `host:port` → both; a host without a port → port undefined. A bare IPv6 address (`fd00::1`,
 * `fd00::/8`) has no port: its port form is `[fd00::1]:8080` (or `fd00::/8:8080`, the prefix length
 * ending the address).
 */
function splitPort(entry: string): { host: string; port: number | undefined } {
  const colon = entry.lastIndexOf(':');
  if (colon === -1) return { host: entry, port: undefined };
  const before = entry.slice(0, colon);
  const portText = entry.slice(colon + 1);
  const bracketEnd = before.endsWith(']');
  const afterPrefix = /\/\d{1,3}$/.test(before);
  const single = !before.includes(':');
  if (!bracketEnd && !afterPrefix && !single) return { host: entry, port: undefined };
  if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65_535)
    throw new HostAllowListError(`"${entry}" has an invalid port: "${portText}" (use 1 to 65535)`);
  return { host: before, port: Number(portText) };
}

function unbracketed(host: string): string {
  return /^\[(.*)\]$/.exec(host)?.[1] ?? host;
}

/** Lower case, without the trailing dot of a fully qualified name. */
export function normalizeHostName(hostName: string): string {
  return hostName.toLowerCase().replace(/\.$/, '');
}
