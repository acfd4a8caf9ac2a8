// The runtime with a wrong ARI password or an unreachable Asterisk: one clear line, retries that go
// on (counted by its own metrics), a process that stays up, and (for the password) registration as
// soon as Asterisk accepts the password. The wrong-password test runs on an extra Asterisk of its
// own (SandboxInstance) whose password it changes, so the suite's instance is never touched.

import { afterEach, describe, expect, it } from 'vitest';
import { CallflowHarness, pathOf } from '../harness/CallflowHarness.ts';
import { catalog } from '../harness/catalog.ts';
import { flow } from '../harness/flowBuilder.ts';
import { metricSum, scrape } from '../lib/prometheus.ts';
import { SandboxInstance } from '../lib/SandboxInstance.ts';
import { ensureSandbox } from '../lib/sandbox.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';

const EXTENSION = '7801';

/** Answers and hangs up: a call that shows the app is registered and serving. */
const tinyFlow = flow(
  [
    { id: 'start', kind: 'start' },
    { id: 'answer', kind: 'answer' },
    { id: 'bye', kind: 'hangup' },
  ],
  ['start.next -> answer', 'answer.next -> bye'],
);

/** Starts a runtime with the given ARI settings and publishes a flow so it tries to register an app. */
async function runtimeWith(ari: { ariUrl: string; username: string; password: string }) {
  const harness = new CallflowHarness();
  await harness.start(ari);
  await catalog.publish(harness.db, {
    name: 'faults',
    document: tinyFlow,
    extension: EXTENSION,
    note: '',
    author: null,
  });
  return harness;
}

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

/** The runtime's own count of refused or failed ARI connection attempts for `reason`. */
async function connectionFailures(harness: CallflowHarness, reason: string): Promise<number> {
  const url = /Prometheus metrics served .*url=(\S+)/.exec(harness.runtimeOutput)?.[1];
  if (url === undefined) throw new Error('the runtime did not say where its metrics are');
  return metricSum(await scrape(url), 'callflow_ari_connection_failures_total', { reason });
}

describe('runtime with a broken Asterisk connection', () => {
  let harness: CallflowHarness | undefined;
  let asterisk: SandboxInstance | undefined;
  afterEach(async () => {
    await harness?.stop();
    await asterisk?.stop();
    harness = undefined;
    asterisk = undefined;
  });

  it('logs one clear line for a wrong ARI password, keeps retrying without crashing or printing it, and registers once Asterisk accepts it', async () => {
    asterisk = await SandboxInstance.launch();
    // The runtime has the password the administrator meant; Asterisk has another one.
    const password = `meant-${process.pid}-password`;
    expect(asterisk.ari.password).not.toBe(password);
    const running = await runtimeWith({ ...asterisk.ari, password });
    harness = running;
    const line = "rejected user 'callflow': wrong ARI username or password";
    await running.waitUntil(() => running.runtimeOutput.includes(line), 10_000, 'the wrong-password line');
    // It tries again and again (each attempt refused by Asterisk is counted), and says so only once.
    await running.waitUntil(
      async () => (await connectionFailures(running, 'unauthorized')) >= 3,
      60_000,
      'three refused attempts',
    );
    expect(occurrences(running.runtimeOutput, line)).toBe(1);
    expect(running.runtimeRunning, 'the runtime process is still running').toBe(true);
    expect(running.runtimeOutput).not.toContain(password);
    expect(running.runtimeOutput).not.toMatch(/uncaught|unhandled/i);
    // With no app registered, Asterisk's dialplan rejects calls cleanly.
    const rejected = await placeCall({ extension: EXTENSION, expectReject: 404, target: asterisk.sipTarget });
    expect(rejected.finalStatus).toBe(404);

    // The administrator puts the runtime's password in Asterisk's ari.conf and restarts it: the same
    // runtime process registers its app and serves calls, with no restart of its own.
    await asterisk.stop();
    await asterisk.start({ ariPassword: password });
    await running.waitForApp(EXTENSION, true, 60_000);
    expect(running.runtimeRunning).toBe(true);
    const since = new Date();
    const call = await placeCall({
      extension: EXTENSION,
      target: asterisk.sipTarget,
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const served = await running.waitForCall(EXTENSION, since);
    expect(pathOf(served)).toEqual(['start:next', 'answer:next', 'bye:ended']);
    expect(served.outcome).toBe('completed');
    expect(running.runtimeOutput).not.toContain(password);
  });

  it('logs one clear line when Asterisk is unreachable, keeps retrying and stays up', async () => {
    const running = await runtimeWith({ ...(await ensureSandbox()), ariUrl: 'http://127.0.0.1:9' });
    harness = running;
    await running.waitUntil(() => /unreachable/i.test(running.runtimeOutput), 10_000, 'the unreachable line');
    await running.waitUntil(
      async () => (await connectionFailures(running, 'unreachable')) >= 3,
      60_000,
      'three failed attempts',
    );
    expect(running.runtimeOutput.match(/WARN|ERROR/g)?.length ?? 0).toBeLessThanOrEqual(2);
    expect(running.runtimeRunning, 'the runtime process is still running').toBe(true);
    expect(running.runtimeOutput).not.toMatch(/uncaught|unhandled/i);
  });
});
