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
  ])('%s is %s', (address, reason) => {
    expect(internalAddressReason(address)).toBe(reason);
  });

  it.each(['93.184.216.34', '172.32.0.1', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => {
      expect(internalAddressReason(address)).toBeUndefined();
    },
  );
});
