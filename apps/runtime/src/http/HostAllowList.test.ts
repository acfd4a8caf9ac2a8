import { describe, expect, it } from 'vitest';
import { HostAllowList } from './HostAllowList.ts';
import { internalAddressReason } from './ipRanges.ts';

describe('HostAllowList', () => {
  it('reads names, addresses and CIDR ranges, ignoring blanks', () => {
    const list = HostAllowList.parse(' 127.0.0.1, CRM.Internal. ,10.1.0.0/16,,fd00::/8,[::1]');
    expect(list.entries).toEqual(['127.0.0.1', 'crm.internal', '10.1.0.0/16', 'fd00::/8', '::1']);
    expect(list.allowsName('crm.internal')).toBe(true);
    expect(list.allowsName('crm.internal.')).toBe(true);
    expect(list.allowsName('other.internal')).toBe(false);
    expect(list.allowsAddress('10.1.255.1')).toBe(true);
    expect(list.allowsAddress('10.2.0.1')).toBe(false);
    expect(list.allowsAddress('::ffff:10.1.0.1')).toBe(true);
    expect(list.allowsAddress('fd00::5')).toBe(true);
    expect(list.allowsAddress('::1')).toBe(true);
    expect(list.allowsAddress('127.0.0.2')).toBe(false);
  });

  it('opens ports 80 and 443 for an entry without a port, and only the named port for one with a port', () => {
    const list = HostAllowList.parse(
      '127.0.0.1, crm.internal:8443, 127.0.0.2:8080, [::1]:8081, [fd00::1], fd00::2, 10.1.0.0/16:9000, fd01::/16:9001, [fd02::]/16:9002',
    );
    expect(list.entries).toEqual([
      '127.0.0.1',
      'crm.internal:8443',
      '127.0.0.2:8080',
      '[::1]:8081',
      'fd00::1',
      'fd00::2',
      '10.1.0.0/16:9000',
      'fd01::/16:9001',
      'fd02::/16:9002',
    ]);
    expect(list.allowsAddress('127.0.0.1', 80)).toBe(true);
    expect(list.allowsAddress('127.0.0.1', 443)).toBe(true);
    for (const port of [8088, 3001, 9464, 8080]) expect(list.allowsAddress('127.0.0.1', port)).toBe(false);
    expect(list.allowsName('crm.internal', 8443)).toBe(true);
    expect(list.allowsName('crm.internal', 443)).toBe(false);
    expect(list.allowsAddress('127.0.0.2', 8080)).toBe(true);
    expect(list.allowsAddress('127.0.0.2', 80)).toBe(false);
    expect(list.allowsAddress('::1', 8081)).toBe(true);
    expect(list.allowsAddress('::1', 443)).toBe(false);
    expect(list.allowsAddress('fd00::1', 443)).toBe(true);
    expect(list.allowsAddress('fd00::2', 80)).toBe(true);
    expect(list.allowsAddress('10.1.2.3', 9000)).toBe(true);
    expect(list.allowsAddress('10.1.2.3', 443)).toBe(false);
    expect(list.allowsAddress('fd01::5', 9001)).toBe(true);
    expect(list.allowsAddress('fd02::5', 9002)).toBe(true);
    expect(list.allowsAddress('fd02::5', 9001)).toBe(false);
  });

  it('is empty by default', () => {
    expect(HostAllowList.parse('').entries).toEqual([]);
  });

  it.each([
    [
      '10.0.0.0/33',
      /"10\.0\.0\.0\/33" is not a valid CIDR range: the prefix length must be a whole number from 0 to 32/,
    ],
    ['fd00::/129', /from 0 to 128 for an IPv6 network/],
    ['10.0.0.0/', /prefix length/],
    ['10.0.0.0/8x', /prefix length/],
    ['10.0.0/8', /"10\.0\.0" is not an IP address/],
    ['crm.internal/24', /is not an IP address/],
    ['10.1', /neither a complete IP address nor a host name/],
    ['http://crm.internal', /give only its host name/],
    ['crm_int!', /not a host name, an IP address or a CIDR range/],
    ['crm internal', /not a host name/],
    ['127.0.0.1:0', /"127\.0\.0\.1:0" has an invalid port: "0" \(use 1 to 65535\)/],
    ['127.0.0.1:65536', /invalid port: "65536"/],
    ['crm.internal:http', /invalid port: "http"/],
    ['[::1]:', /invalid port: ""/],
    ['10.0.0.0/8:x', /invalid port: "x"/],
    ['http://crm.internal:8080', /give only its host name and port/],
  ])('refuses %s clearly', (entry, message) => {
    expect(() => HostAllowList.parse(`127.0.0.1,${entry}`)).toThrow(message);
  });
});

describe('internalAddressReason', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.0.9', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['169.254.169.254', 'a link-local address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['10.9.8.7', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.0.1', 'a private address'],
    ['fdff::1', 'a private address'],
    ['100.100.1.1', 'a carrier-grade NAT (shared) address'],
    ['0.0.0.0', 'an unspecified address'],
    ['::', 'an unspecified address'],
    ['239.1.1.1', 'a multicast address'],
    ['ff05::2', 'a multicast address'],
    ['255.255.255.255', 'a reserved or broadcast address'],
    ['0.1.2.3', 'an unspecified address'],
    ['100.64.0.1', 'a carrier-grade NAT (shared) address'],
    ['198.18.0.1', 'a benchmarking address'],
    ['198.19.255.254', 'a benchmarking address'],
    ['192.0.0.8', 'a reserved address (IETF protocol assignments)'],
    ['192.0.2.1', 'a documentation address'],
    ['203.0.113.7', 'a documentation address'],
    ['192.88.99.1', 'a 6to4 relay address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['::ffff:10.0.0.1', 'a private address'],
    ['::ffff:169.254.169.254', 'a link-local address'],
    ['64:ff9b::127.0.0.1', 'a loopback address (127.0.0.1 through NAT64)'],
    ['64:ff9b::a9fe:a9fe', 'a link-local address (169.254.169.254 through NAT64)'],
    ['64:ff9b::c612:1', 'a benchmarking address (198.18.0.1 through NAT64)'],
    ['64:ff9b:1::7f00:1', 'a local-use NAT64 address'],
    ['64:ff9b:1:ffff::8.8.8.8', 'a local-use NAT64 address'],
    ['2002:7f00:1::1', 'a loopback address (127.0.0.1 through 6to4)'],
    ['2002:c0a8:101::', 'a private address (192.168.1.1 through 6to4)'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'a Teredo tunnel address'],
    ['::127.0.0.1', 'an IPv4-compatible address (deprecated)'],
    ['::8.8.8.8', 'an IPv4-compatible address (deprecated)'],
    ['::ffff:0:127.0.0.1', 'an IPv4-translated address'],
    ['fec0::1', 'a site-local address (deprecated)'],
    ['fc00::1', 'a private address'],
    ['fd12:3456::1', 'a private address'],
    ['100::1', 'a discard-only address'],
    ['2001:db8::1', 'a documentation address'],
    ['2001:2::1', 'a benchmarking address'],
  ])('%s is %s', (address, reason) => {
    expect(internalAddressReason(address)).toBe(reason);
  });

  it.each([
    '93.184.216.34',
    '172.32.0.1',
    '8.8.8.8',
    '100.128.0.1',
    '198.20.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
    '2002:808:808::1',
    '2a00:1450:4001::200e',
  ])('%s is public', (address) => {
    expect(internalAddressReason(address)).toBeUndefined();
  });
});
