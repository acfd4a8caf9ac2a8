import { afterAll, beforeAll, beforeEach } from 'vitest';
import { AriObserver } from '../lib/AriObserver.ts';
import { ensureSandbox } from '../lib/sandbox.ts';

/**
 * An AriObserver for one test file, emptied before each test: what Asterisk itself did (which
 * media it played to which channel), seen independently of the runtime and its call log.
 */
export function useAriObserver(): { readonly current: AriObserver } {
  let observer: AriObserver | undefined;
  beforeAll(async () => {
    observer = await AriObserver.open(await ensureSandbox());
  });
  beforeEach(() => observer?.reset());
  afterAll(async () => {
    await observer?.close();
  });
  return {
    get current(): AriObserver {
      if (observer === undefined) throw new Error('the ARI observer is opened in beforeAll');
      return observer;
    },
  };
}
