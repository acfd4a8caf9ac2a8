import { lookup } from 'node:dns/promises';
import type { HostAllowList } from './HostAllowList.ts';
import { normalizeHostName } from './HostAllowList.ts';
import { internalAddressReason, ipFamilyOf } from './ipRanges.ts';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to (like the system resolver, not only the first). */
export type ResolveHost = (hostName: string) => Promise<ResolvedAddress[]>;

export const systemResolveHost: ResolveHost = async (hostName) =>
  (await lookup(hostName, { all: true, verbatim: true })).map((resolved) => ({
    address: resolved.address,
    family: resolved.family === 6 ? 6 : 4,
  }));

/** An HTTP lookup refused by the host policy; the message names the host and the reason. */
export class HttpHostRefusedError extends Error {
  override name = 'HttpHostRefusedError';
  constructor(
    readonly host: string,
    readonly reason: string,
  ) {
    super(`host ${host} refused: ${reason}`);
  }
}

const allowHint = (host: string, port: number) =>
  `add ${host.includes(':') ? `[${host}]` : host}:${port} to CALLFLOW_HTTP_ALLOW to allow it`;

/**
 * Which hosts HTTP lookup nodes may call: any public address on any port, and internal ones
 * (loopback, link-local, private, unspecified, multicast, NAT64 and 6to4 forms of those: see
 * ipRanges.ts) only on a port the allow list opens for the host, the address or a range holding it.
 * A name is refused if any of its addresses is refused.
 */
export class HostPolicy {
  constructor(
    private readonly allow: HostAllowList,
    private readonly resolveHost: ResolveHost = systemResolveHost,
  ) {}

  /**
   * Checks a URL host (`url.hostname`, IPv6 in brackets or not) for a connection to `port`. An IP
   * address is checked as is; a name is resolved and every address checked, and the addresses are
   * returned. Throws HttpHostRefusedError when refused, or an Error when the name does not resolve.
   */
  async check(urlHostName: string, port: number): Promise<ResolvedAddress[]> {
    const host = urlHostName.replace(/^\[(.*)\]$/, '$1');
    const family = ipFamilyOf(host);
    if (family !== undefined) {
      const reason = internalAddressReason(host);
      if (reason !== undefined && !this.allow.allowsAddress(host, port))
        throw new HttpHostRefusedError(host, `${host} is ${reason} (${allowHint(host, port)})`);
      return [{ address: host, family: family === 'ipv4' ? 4 : 6 }];
    }
    return this.resolveChecked(host, port);
  }

  /**
   * Resolves a host name and checks every address for a connection to `port` (also the lookup the
   * pinned connections use).
   */
  async resolveChecked(hostName: string, port: number): Promise<ResolvedAddress[]> {
    const name = normalizeHostName(hostName);
    let addresses: ResolvedAddress[];
    try {
      addresses = await this.resolveHost(name);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // No `cause`: the httpLookup node would show the cause's message instead of this one.
      throw new Error(`cannot resolve host ${name} (${code ?? String(error)})`);
    }
    if (addresses.length === 0) throw new Error(`cannot resolve host ${name} (no address)`);
    if (this.allow.allowsName(name, port)) return addresses;
    for (const { address } of addresses) {
      const reason = internalAddressReason(address);
      if (reason !== undefined && !this.allow.allowsAddress(address, port))
        throw new HttpHostRefusedError(
          name,
          `it resolves to ${address}, ${reason} (${allowHint(name, port)})`,
        );
    }
    return addresses;
  }
}
