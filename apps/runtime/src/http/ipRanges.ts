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

type Range = [reason: string, network: string, prefix: number];

/**
 * IPv4 ranges an HTTP lookup may not reach unless CALLFLOW_HTTP_ALLOW allows them (IANA's
 * special-purpose registry, less the globally reachable ones), with the reason shown when a request
 * is refused.
 */
const deniedIpv4: Range[] = [
  ['an unspecified address', '0.0.0.0', 8],
  ['a loopback address', '127.0.0.0', 8],
  ['a link-local address', '169.254.0.0', 16],
  ['a private address', '10.0.0.0', 8],
  ['a private address', '172.16.0.0', 12],
  ['a private address', '192.168.0.0', 16],
  ['a carrier-grade NAT (shared) address', '100.64.0.0', 10],
  ['a reserved address (IETF protocol assignments)', '192.0.0.0', 24],
  ['a documentation address', '192.0.2.0', 24],
  ['a documentation address', '198.51.100.0', 24],
  ['a documentation address', '203.0.113.0', 24],
  ['a benchmarking address', '198.18.0.0', 15],
  ['a 6to4 relay address', '192.88.99.0', 24],
  ['a multicast address', '224.0.0.0', 4],
  ['a reserved or broadcast address', '240.0.0.0', 4],
];

/**
 * IPv6 ranges refused as a whole. The ranges that carry an IPv4 address (IPv4-mapped, NAT64 with the
 * well-known prefix, 6to4) are not here: the IPv4 address inside them is checked instead (see
 * embeddedIpv4). Ranges whose inner address cannot be checked (Teredo obfuscates it, a local NAT64
 * prefix places it where the operator chose) are refused whole.
 */
const deniedIpv6: Range[] = [
  ['an unspecified address', '::', 128],
  ['a loopback address', '::1', 128],
  // ::a.b.c.d, deprecated (RFC 4291); some stacks still route it to the IPv4 address.
  ['an IPv4-compatible address (deprecated)', '::', 96],
  // ::ffff:0:a.b.c.d (RFC 2765 "IPv4-translated").
  ['an IPv4-translated address', '::ffff:0:0:0', 96],
  ['a local-use NAT64 address', '64:ff9b:1::', 48],
  ['a discard-only address', '100::', 64],
  ['a Teredo tunnel address', '2001::', 32],
  ['a benchmarking address', '2001:2::', 48],
  ['a documentation address', '2001:db8::', 32],
  ['a link-local address', 'fe80::', 10],
  ['a site-local address (deprecated)', 'fec0::', 10],
  ['a private address', 'fc00::', 7],
  ['a multicast address', 'ff00::', 8],
];

function listsOf(ranges: Range[], family: IpFamily): Map<string, BlockList> {
  const lists = new Map<string, BlockList>();
  for (const [reason, network, prefix] of ranges) {
    let list = lists.get(reason);
    if (list === undefined) {
      list = new BlockList();
      lists.set(reason, list);
    }
    list.addSubnet(network, prefix, family);
  }
  return lists;
}

const deniedIpv4Lists = listsOf(deniedIpv4, 'ipv4');
const deniedIpv6Lists = listsOf(deniedIpv6, 'ipv6');

/**
 * The eight 16-bit groups of a valid IPv6 address (checked with isIP first), including the forms
 * with a dotted IPv4 tail (`::ffff:127.0.0.1`).
 */
export function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const groups =
    rest === undefined
      ? headGroups
      : [...headGroups, ...Array<string>(8 - headGroups.length - restGroups.length).fill('0'), ...restGroups];
  return groups.map((group) => Number.parseInt(group, 16));
}

const dotted = (high: number, low: number): string => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;

/**
 * The IPv4 address an IPv6 address stands for, with how: IPv4-mapped (`::ffff:a.b.c.d`, the socket
 * connects to the IPv4 address itself), NAT64 with the well-known prefix (`64:ff9b::a.b.c.d`, a NAT64
 * gateway forwards to it) and 6to4 (`2002:AABB:CCDD::`, relayed to a.b.c.d).
 */
export function embeddedIpv4(address: string): { ipv4: string; through: string } | undefined {
  const g = ipv6Groups(address);
  if (g.length !== 8) return undefined;
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = g;
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff)
    return { ipv4: dotted(g6, g7), through: 'IPv4-mapped' };
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return { ipv4: dotted(g6, g7), through: 'NAT64' };
  if (g0 === 0x2002) return { ipv4: dotted(g1 ?? 0, g2 ?? 0), through: '6to4' };
  return undefined;
}

/**
 * Why `address` is internal (`"a loopback address"`...), or undefined for an ordinary public address.
 * An IPv6 address that carries an IPv4 address (see embeddedIpv4) is judged by that IPv4 address.
 * Something that is not an IP address at all is refused too.
 */
export function internalAddressReason(address: string): string | undefined {
  const bare = withoutZone(address);
  const family = ipFamilyOf(bare);
  if (family === undefined) return 'not an IP address';
  if (family === 'ipv4') return firstMatch(deniedIpv4Lists, bare, 'ipv4');
  const embedded = embeddedIpv4(bare);
  if (embedded !== undefined) {
    const reason = firstMatch(deniedIpv4Lists, embedded.ipv4, 'ipv4');
    if (reason === undefined) return undefined;
    return embedded.through === 'IPv4-mapped'
      ? reason
      : `${reason} (${embedded.ipv4} through ${embedded.through})`;
  }
  return firstMatch(deniedIpv6Lists, bare, 'ipv6');
}

function firstMatch(lists: Map<string, BlockList>, address: string, family: IpFamily): string | undefined {
  for (const [reason, list] of lists) if (list.check(address, family)) return reason;
  return undefined;
}
