import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ensureSandbox, waitForIdle } from '../lib/sandbox.ts';
import { CallflowHarness } from './CallflowHarness.ts';

/**
 * Starts the sandbox Asterisk (if needed) and a fresh runtime with its own database for one test
 * file, and checks after every test that the call left nothing behind in Asterisk.
 */
export function useCallflow(extraEnv: Record<string, string> = {}): CallflowHarness {
  const harness = new CallflowHarness(extraEnv);
  beforeAll(async () => {
    await harness.start(await ensureSandbox());
  });
  afterEach(expectNothingLeftInAsterisk);
  afterAll(async () => {
    await harness.stop();
  });
  return harness;
}

/** Fails the test if the sandbox Asterisk still has channels or bridges 8 s after it. */
export async function expectNothingLeftInAsterisk(): Promise<void> {
  const left = await waitForIdle(8000);
  expect(left, 'channels and bridges left in Asterisk after the test').toEqual({ channels: [], bridges: [] });
}
