import { vi } from 'vitest';

/**
 * Reads `read` every 20 ms until `accept` takes its value, and resolves with that value; fails after
 * `timeoutMs` naming `what` and the last value read.
 */
export function waitUntil<T>(
  what: string,
  read: () => T | Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await read();
      if (!accept(value))
        throw new Error(`${what} not reached in ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
      return value;
    },
    { timeout: timeoutMs, interval: 20 },
  );
}
