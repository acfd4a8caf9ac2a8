import { describe, expect, it } from 'vitest';
import { addressKeyOf, LoginLimiter } from '../src/services/auth/loginLimiter.ts';

describe('login limiter (clock under test control)', () => {
  it('refuses after 10 failures in 10 minutes, until the oldest leaves the window', () => {
    let now = 1_000_000;
    const limiter = new LoginLimiter(
      { maxFailuresPerUserAndAddress: 10, maxFailuresPerAddress: 100, windowMs: 600_000 },
      () => now,
    );
    const attempt = { ip: '10.0.0.1', username: 'alice' };
    for (let i = 0; i < 10; i++) {
      expect(limiter.tryAttempt(attempt)).toBe(0);
      now += 1000;
    }
    // The first failure was at 1_000_000: room again at 1_600_000.
    expect(limiter.tryAttempt(attempt)).toBe(590);
    now = 1_599_999;
    expect(limiter.tryAttempt(attempt)).toBe(1);
    now = 1_600_000;
    expect(limiter.tryAttempt(attempt)).toBe(0);
    // That attempt failed too: blocked until the second failure (at 1_001_000) leaves the window.
    expect(limiter.tryAttempt(attempt)).toBe(1);
  });

  it('blocks an address, and a username at an address, but never a username everywhere', () => {
    let now = 0;
    const limiter = new LoginLimiter(
      { maxFailuresPerUserAndAddress: 2, maxFailuresPerAddress: 3, windowMs: 60_000 },
      () => now,
    );
    // One address trying many usernames.
    for (const username of ['a', 'b', 'c']) expect(limiter.tryAttempt({ ip: 'ip1', username })).toBe(0);
    expect(limiter.tryAttempt({ ip: 'ip1', username: 'd' })).toBe(60);
    expect(limiter.tryAttempt({ ip: 'ip2', username: 'd' })).toBe(0);
    // One username at one address, then elsewhere.
    for (let i = 0; i < 2; i++) expect(limiter.tryAttempt({ ip: 'ip3', username: 'e' })).toBe(0);
    expect(limiter.tryAttempt({ ip: 'ip3', username: 'e' })).toBe(60);
    for (let i = 0; i < 50; i++) expect(limiter.tryAttempt({ ip: `other${i}`, username: 'e' })).toBe(0);
    expect(limiter.tryAttempt({ ip: 'ip4', username: 'e' })).toBe(0);
    // Success at an address forgets that username's failures there.
    limiter.succeeded({ ip: 'ip4', username: 'e' });
    now = 30_000;
    expect(limiter.tryAttempt({ ip: 'ip3', username: 'e' })).toBe(30);
  });

  it('counts the addresses of one IPv6 /64 as one client', () => {
    const limiter = new LoginLimiter({
      maxFailuresPerUserAndAddress: 100,
      maxFailuresPerAddress: 3,
      windowMs: 60_000,
    });
    for (const ip of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:ffff:1:2:3']) {
      expect(limiter.tryAttempt({ ip, username: 'x' })).toBe(0);
    }
    expect(limiter.tryAttempt({ ip: '2001:0db8:0001:0002::9', username: 'y' })).toBeGreaterThan(0);
    expect(limiter.tryAttempt({ ip: '2001:db8:1:3::1', username: 'y' })).toBe(0);
    expect(addressKeyOf('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKeyOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKeyOf('::1')).toBe('0:0:0:0::/64');
  });
});
