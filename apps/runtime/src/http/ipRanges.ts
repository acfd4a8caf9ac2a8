import { BlockList, isIP } from 'node:net';

export type IpFamily = 'ipv4' | 'ipv6';

/** `ipv4`/`ipv6` for an IP address (an IPv6 zone such as `%eth0` is ignored), undefined otherwise. */
export function ipFamilyOf(address: string): IpFamily | undefined {
  const version = isIP(withoutZone(address));
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}

export function withoutZone(address: string): string {
  const zone = address.indexOf('%');
  return zone === -1 ? address : address.slice(0, zone);
}

/**
 * Address ranges an HTTP lookup may not reach unless CALLFLOW_HTTP_ALLOW allows them, with the
 * reason shown when a request is refused. IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`) match the
 * IPv4 ranges (node:net BlockList does that).
 */
const deniedRanges: [reason: string, network: string, prefix: number, family: IpFamily][] = [
  ['an unspecified address', '0.0.0.0', 8, 'ipv4'],
  ['an unspecified address', '::', 128, 'ipv6'],
  ['a loopback address', '127.0.0.0', 8, 'ipv4'],
  ['a loopback address', '::1', 128, 'ipv6'],
  ['a link-local address', '169.254.0.0', 16, 'ipv4'],
  ['a link-local address', 'fe80::', 10, 'ipv6'],
  ['a private address', '10.0.0.0', 8, 'ipv4'],
  ['a private address', '172.16.0.0', 12, 'ipv4'],
  ['a private address', '192.168.0.0', 16, 'ipv4'],
  ['a private address', 'fc00::', 7, 'ipv6'],
  ['a carrier-grade NAT (shared) address', '100.64.0.0', 10, 'ipv4'],
  ['a multicast address', '224.0.0.0', 4, 'ipv4'],
  ['a multicast address', 'ff00::', 8, 'ipv6'],
  ['a reserved or broadcast address', '240.0.0.0', 4, 'ipv4'],
];

const deniedLists = new Map<string, BlockList>();
for (const [reason, network, prefix, family] of deniedRanges) {
  let list = deniedLists.get(reason);
  if (list === undefined) {
    list = new BlockList();
    deniedLists.set(reason, list);
  }
  list.addSubnet(network, prefix, family);
}

/**
 * Why `address` is internal (`"a loopback address"`...), or undefined for an ordinary public address.
 * Something that is not an IP address at all is refused too.
 */
export function internalAddressReason(address: string): string | undefined {
  const bare = withoutZone(address);
  const family = ipFamilyOf(bare);
  if (family === undefined) return 'not an IP address';
  for (const [reason, list] of deniedLists) if (list.check(bare, family)) return reason;
  return undefined;
}
