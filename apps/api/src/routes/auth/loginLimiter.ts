import type { ApiServices } from '../../http/defineRoute.ts';

export interface LoginLimits {
  /** Failed attempts allowed per client address and per username within the window. */
  readonly maxFailures: number;
  readonly windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { maxFailures: 10, windowMs: 10 * 60 * 1000 };

/** Who is trying: the client's address and the username they try. */
export interface LoginAttempt {
  readonly ip: string | undefined;
  readonly username: string;
}

/** Keys beyond which expired entries are swept (bounds memory under a spray of addresses). */
const SWEEP_ABOVE_KEYS = 10_000;

/**
 * Counts failed password checks per client address and per username in a sliding window, in memory
 * (the API is a single process). Once either has `maxFailures` failures in the window, attempts are
 * refused until the oldest of them leaves the window.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Asks to check a password. When the address or the username is blocked, returns the seconds until
   * attempts are accepted again and counts nothing. Otherwise returns 0 and counts the attempt as a
   * failure at once, so parallel attempts cannot slip past the limit; `succeeded` takes it back.
   */
  tryAttempt(attempt: LoginAttempt): number {
    const now = this.now();
    const keys = keysOf(attempt);
    let waitMs = 0;
    for (const key of keys) {
      const recent = this.recent(key, now);
      if (recent.length < this.limits.maxFailures) continue;
      // The failure that has to leave the window before there is room for one more attempt.
      const blocking = recent[recent.length - this.limits.maxFailures] ?? now;
      waitMs = Math.max(waitMs, blocking + this.limits.windowMs - now);
    }
    if (waitMs > 0) return Math.ceil(waitMs / 1000);
    if (this.failures.size > SWEEP_ABOVE_KEYS) this.sweep(now);
    for (const key of keys) {
      const recent = this.recent(key, now);
      recent.push(now);
      // Only the newest `maxFailures` matter for the decision.
      if (recent.length > this.limits.maxFailures) recent.splice(0, recent.length - this.limits.maxFailures);
      this.failures.set(key, recent);
    }
    return 0;
  }

  /**
   * The password was right: takes back the failure `tryAttempt` counted for the address, and forgets
   * the username's failures (whoever typed them, the user has now shown they know the password).
   */
  succeeded(attempt: LoginAttempt): void {
    const [addressKey, usernameKey] = keysOf(attempt);
    const times = this.failures.get(addressKey);
    times?.pop();
    if (times?.length === 0) this.failures.delete(addressKey);
    this.failures.delete(usernameKey);
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

function keysOf(attempt: LoginAttempt): [string, string] {
  return [`ip:${attempt.ip ?? 'unknown'}`, `user:${attempt.username}`];
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
