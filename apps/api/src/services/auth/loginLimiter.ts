import type { ApiServices } from '../../http/ApiServices.ts';

export interface LoginLimits {
  /** Failed attempts allowed per client address and username together within the window. */
  readonly maxFailuresPerUserAndAddress: number;
  /** Failed attempts allowed per client address, whichever usernames, within the window. */
  readonly maxFailuresPerAddress: number;
  readonly windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  maxFailuresPerUserAndAddress: 10,
  maxFailuresPerAddress: 30,
  windowMs: 10 * 60 * 1000,
};

/** Who is trying: the client's address and the username they try. */
export interface LoginAttempt {
  readonly ip: string | undefined;
  readonly username: string;
}

/** Keys beyond which expired entries are swept (bounds memory under a spray of addresses). */
const SWEEP_ABOVE_KEYS = 10_000;

/**
 * The part of an address one client controls: an IPv6 client usually has a whole /64, so its
 * addresses count as one; an IPv4-mapped IPv6 address is its IPv4 address.
 */
export function addressKeyOf(ip: string | undefined): string {
  if (ip === undefined || ip === '') return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.toLowerCase().split('%')[0]?.split('::') ?? [];
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = Math.max(0, 8 - headGroups.length - tailGroups.length);
  const groups = [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Counts failed password checks in a sliding window, in memory (the API is a single process): per
 * client address and username together, and per client address alone (so that one address cannot
 * try many usernames). Never per username alone: failures typed at one address must not lock the
 * user out at another (theirs). Once a count reaches its limit, attempts it covers are refused until
 * the oldest failure leaves the window.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Asks to check a password. When the address, or the username at that address, is blocked, returns
   * the seconds until attempts are accepted again and counts nothing. Otherwise returns 0 and counts
   * the attempt as a failure at once, so parallel attempts cannot slip past the limit; `succeeded`
   * takes it back.
   */
  tryAttempt(attempt: LoginAttempt): number {
    const now = this.now();
    const counters = this.countersOf(attempt);
    let waitMs = 0;
    for (const { key, max } of counters) {
      const recent = this.recent(key, now);
      if (recent.length < max) continue;
      // The failure that has to leave the window before there is room for one more attempt.
      const blocking = recent[recent.length - max] ?? now;
      waitMs = Math.max(waitMs, blocking + this.limits.windowMs - now);
    }
    if (waitMs > 0) return Math.ceil(waitMs / 1000);
    if (this.failures.size > SWEEP_ABOVE_KEYS) this.sweep(now);
    for (const { key, max } of counters) {
      const recent = this.recent(key, now);
      recent.push(now);
      // Only the newest `max` matter for the decision.
      if (recent.length > max) recent.splice(0, recent.length - max);
      this.failures.set(key, recent);
    }
    return 0;
  }

  /**
   * The password was right: takes back the failure `tryAttempt` counted for the address, and forgets
   * the failures for this username at this address.
   */
  succeeded(attempt: LoginAttempt): void {
    const [address, pair] = this.countersOf(attempt);
    const times = this.failures.get(address.key);
    times?.pop();
    if (times?.length === 0) this.failures.delete(address.key);
    this.failures.delete(pair.key);
  }

  private countersOf(attempt: LoginAttempt): [{ key: string; max: number }, { key: string; max: number }] {
    const address = addressKeyOf(attempt.ip);
    return [
      { key: `ip:${address}`, max: this.limits.maxFailuresPerAddress },
      // JSON keeps a username containing the separator from posing as another pair.
      {
        key: `pair:${JSON.stringify([address, attempt.username])}`,
        max: this.limits.maxFailuresPerUserAndAddress,
      },
    ];
  }

  private recent(key: string, now: number): number[] {
    const times = this.failures.get(key);
    if (times === undefined) return [];
    const recent = times.filter((time) => time > now - this.limits.windowMs);
    if (recent.length === 0) this.failures.delete(key);
    return recent;
  }

  private sweep(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now);
  }
}

// One limiter per running API: the tests run several in one process.
const limiters = new WeakMap<ApiServices, LoginLimiter>();

export function loginLimiterOf(services: ApiServices): LoginLimiter {
  let limiter = limiters.get(services);
  if (limiter === undefined) {
    limiter = new LoginLimiter();
    limiters.set(services, limiter);
  }
  return limiter;
}
