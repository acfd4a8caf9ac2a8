// Calls that wait in a menu until something ends them: what the crash-recovery tests and the recovery
// benchmark hold in flows while they kill Asterisk or the runtime.

import { setMaxListeners } from 'node:events';
import { type CallResult, placeCall } from '../lib/sipp/placeCall.ts';
import { waitFor } from '../lib/waitFor.ts';
import type { CallflowHarness } from './CallflowHarness.ts';
import { answered, answeredThen, flow, helloMenu } from './flowBuilder.ts';

/** Callers wait in a menu with a long timeout: they stay in the flow until something ends the call. */
export const holdFlow = flow(
  [...answered, helloMenu(['1'], 60, 0), { id: 'bye', kind: 'hangup' }],
  [...answeredThen('menu'), 'menu.1 -> bye', 'menu.timeout -> bye', 'menu.invalid -> bye'],
);

export interface HoldingCalls {
  /** The caller numbers (From user) of the calls, to find them in the call log. */
  callers: string[];
  results: Promise<CallResult[]>;
}

/**
 * Places `count` calls spread over `extensions` (published with `holdFlow`) that sit in its menu; each
 * caller waits `pauseMs`, then hangs up itself unless `expectRemoteHangup` (then it waits for
 * Asterisk's BYE).
 */
export function holdCalls(options: {
  count: number;
  extensions: string[];
  callerPrefix: string;
  pauseMs: number;
  expectRemoteHangup?: boolean;
  target?: string;
  signal?: AbortSignal;
}): HoldingCalls {
  // One abort listener per sipp process on a shared signal is expected, not a leak.
  if (options.signal !== undefined) setMaxListeners(options.count + 10, options.signal);
  const callers = Array.from(
    { length: options.count },
    (_, i) => `${options.callerPrefix}${String(i).padStart(2, '0')}`,
  );
  const results = Promise.all(
    callers.map((caller, i) =>
      placeCall({
        extension: options.extensions[i % options.extensions.length] ?? '',
        from: caller,
        name: `recovery-${caller}`,
        script: [{ pauseMs: options.pauseMs }],
        expectRemoteHangup: options.expectRemoteHangup ?? false,
        timeoutMs: options.pauseMs + 30_000,
        ...(options.target !== undefined ? { target: options.target } : {}),
        ...(options.signal !== undefined ? { signal: options.signal } : {}),
      }),
    ),
  );
  return { callers, results };
}

/** Waits until every one of these callers' calls is logged as live in `holdFlow`'s menu. */
export async function waitInMenu(harness: CallflowHarness, callers: string[]): Promise<void> {
  let inMenu = 0;
  await waitFor(
    async () => {
      inMenu = await harness.db.prisma.call.count({
        where: { callerNumber: { in: callers }, endedAt: null, currentNodeId: 'menu' },
      });
      return inMenu === callers.length;
    },
    30_000,
    () => `${callers.length} calls in the menu (${inMenu} so far)`,
    harness,
  );
}
