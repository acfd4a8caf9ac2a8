import { validateFlow } from '@callflow/flow';
import { publishFlow } from '@callflow/runtime/catalog';
import { afterEach, describe, expect, it } from 'vitest';
import { CallflowHarness } from '../harness/CallflowHarness.ts';
import { flow } from '../harness/flowBuilder.ts';
import { ensureSandbox } from '../support/sandbox.ts';
import { placeCall } from '../support/sipp.ts';

const tinyFlow = flow(
  [
    { id: 'start', kind: 'start' },
    { id: 'bye', kind: 'hangup' },
  ],
  ['start.next -> bye'],
);

/** Starts a runtime with broken ARI settings and publishes a flow so it tries to register an app. */
async function runtimeWith(settings: { url?: string; password?: string }): Promise<CallflowHarness> {
  const real = await ensureSandbox();
  const harness = new CallflowHarness();
  await harness.start({
    ...real,
    ariUrl: settings.url ?? real.ariUrl,
    password: settings.password ?? real.password,
  });
  const parsed = validateFlow(tinyFlow);
  if (parsed.document === null) throw new Error('invalid test flow');
  await publishFlow(harness.db, {
    name: 'faults',
    document: parsed.document,
    extension: '7801',
    note: '',
    author: null,
    replace: true,
  });
  return harness;
}

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

describe('runtime with a broken Asterisk connection', () => {
  let harness: CallflowHarness | undefined;
  afterEach(async () => {
    await harness?.stop();
  });

  it('logs one clear line for a wrong ARI password, keeps retrying, never crashes, never prints the password', async () => {
    const password = 'definitely-wrong-password';
    harness = await runtimeWith({ password });
    const line = "rejected user 'callflow': wrong ARI username or password";
    await harness.waitUntil(
      () => harness?.runtimeOutput.includes(line) ?? false,
      10_000,
      'the wrong-password line',
    );
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(occurrences(harness.runtimeOutput, line)).toBe(1);
    expect(harness.runtimeOutput).not.toContain(password);
    expect(harness.runtimeOutput).not.toMatch(/uncaught|unhandled/i);
    // With no app registered, Asterisk's dialplan rejects calls cleanly.
    const call = await placeCall({ extension: '7801', expectReject: 404 });
    expect(call.finalStatus).toBe(404);
  });

  it('logs one clear line when Asterisk is unreachable and keeps retrying', async () => {
    harness = await runtimeWith({ url: 'http://127.0.0.1:9' });
    await harness.waitUntil(
      () => /unreachable/i.test(harness?.runtimeOutput ?? ''),
      10_000,
      'the unreachable line',
    );
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(harness.runtimeOutput.match(/WARN|ERROR/g)?.length ?? 0).toBeLessThanOrEqual(2);
    expect(harness.runtimeOutput).not.toMatch(/uncaught|unhandled/i);
  });
});
