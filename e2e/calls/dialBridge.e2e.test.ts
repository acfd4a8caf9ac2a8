import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathOf } from '../harness/CallflowHarness.ts';
import { flow } from '../harness/flowBuilder.ts';
import { useCallflow } from '../harness/useCallflow.ts';
import { ariGet } from '../lib/sandbox.ts';
import { type Callee, startCallee } from '../lib/sipp/callee.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';

const dialFlow = (endpoint: string, timeoutSeconds = 4) =>
  flow(
    [
      { id: 'start', kind: 'start' },
      { id: 'answer', kind: 'answer' },
      { id: 'dial', kind: 'dial', options: { endpoint, timeoutSeconds } },
      ...['answered', 'busy', 'noanswer', 'unavailable', 'failed'].map((port) => ({
        id: `after-${port}`,
        kind: 'hangup',
      })),
    ],
    [
      'start.next -> answer',
      'answer.next -> dial',
      ...['answered', 'busy', 'noanswer', 'unavailable', 'failed'].map(
        (port) => `dial.${port} -> after-${port}`,
      ),
    ],
  );

describe('dial on real calls', () => {
  const harness = useCallflow();
  const callees: Callee[] = [];

  beforeAll(async () => {
    callees.push(
      await startCallee('answer', { hangupAfterMs: 2000 }),
      await startCallee('busy'),
      await startCallee('ring'),
      await startCallee('congested'),
    );
    await harness.publish('7301', dialFlow('PJSIP/callee-answer'));
    await harness.publish('7302', dialFlow('PJSIP/callee-busy'));
    await harness.publish('7303', dialFlow('PJSIP/callee-ring', 3));
    await harness.publish('7304', dialFlow('PJSIP/no-such-endpoint'));
    await harness.publish('7305', dialFlow('PJSIP/callee-ring', 30));
    await harness.publish('7306', dialFlow('PJSIP/callee-congested'));
  });
  afterAll(async () => {
    await Promise.all(callees.map((callee) => callee.stop()));
  });

  it.each([
    ['7301', 'answered'],
    ['7302', 'busy'],
    ['7303', 'noanswer'],
    ['7304', 'unavailable'],
    // The callee answers 503 Service Unavailable: Asterisk ends its leg with cause 34 (congestion).
    ['7306', 'failed'],
  ])('extension %s takes the %s port', async (extension, port) => {
    const since = new Date();
    const call = await placeCall({ extension, script: [{ pauseMs: 15_000 }], expectRemoteHangup: true });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall(extension, since);
    expect(pathOf(logged)).toEqual(['start:next', 'answer:next', `dial:${port}`, `after-${port}:ended`]);
    expect(logged.steps[2]?.variables).toBe(JSON.stringify({ 'dial.status': port }));
  });

  it('connects caller and callee in a bridge while the callee is up', async () => {
    const since = new Date();
    const pending = placeCall({ extension: '7301', script: [{ pauseMs: 15_000 }], expectRemoteHangup: true });
    await harness.waitUntil(
      async () => {
        const bridges = await ariGet<{ id: string; channels: string[] }[]>('/bridges');
        return bridges.some(
          (bridge) => bridge.id.startsWith('callflow-dial-') && bridge.channels.length === 2,
        );
      },
      8000,
      'caller and callee to share a dial bridge',
    );
    expect((await pending).ok).toBe(true);
    expect(pathOf(await harness.waitForCall('7301', since))).toContain('dial:answered');
  });

  it('hangs up the callee and removes the bridge when the caller hangs up mid-dial', async () => {
    const since = new Date();
    const call = await placeCall({ extension: '7305', script: [{ pauseMs: 2500 }, { hangup: true }] });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall('7305', since);
    expect(logged.outcome).toBe('caller_hangup');
    expect(pathOf(logged).at(-1)).toBe('dial:(caller hung up)');
  });
});

describe('named bridge on real calls', () => {
  const harness = useCallflow();

  beforeAll(async () => {
    await harness.publish(
      '7311',
      flow(
        [
          { id: 'start', kind: 'start' },
          { id: 'answer', kind: 'answer' },
          { id: 'room', kind: 'bridge', options: { name: 'e2e-room', timeLimitSeconds: 6 } },
          { id: 'bye', kind: 'hangup' },
        ],
        ['start.next -> answer', 'answer.next -> room', 'room.next -> bye'],
      ),
    );
  });

  it('puts two callers into the same named bridge, then removes it when both have left', async () => {
    const since = new Date();
    const first = placeCall({ extension: '7311', script: [{ pauseMs: 10_000 }], expectRemoteHangup: true });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const second = placeCall({ extension: '7311', script: [{ pauseMs: 10_000 }], expectRemoteHangup: true });
    await harness.waitUntil(
      async () => {
        const bridges = await ariGet<{ id: string; channels: string[] }[]>('/bridges');
        return bridges.some(
          (bridge) => bridge.id === 'callflow-bridge-e2e-room' && bridge.channels.length === 2,
        );
      },
      8000,
      'both callers in bridge callflow-bridge-e2e-room',
    );
    const [a, b] = await Promise.all([first, second]);
    expect(a.ok && b.ok).toBe(true);
    expect(pathOf(await harness.waitForCall('7311', since))).toEqual([
      'start:next',
      'answer:next',
      'room:next',
      'bye:ended',
    ]);
  });

  it('leaves nothing behind when a caller hangs up inside the bridge', async () => {
    const since = new Date();
    const call = await placeCall({ extension: '7311', script: [{ pauseMs: 2000 }, { hangup: true }] });
    expect(call.ok).toBe(true);
    expect((await harness.waitForCall('7311', since)).outcome).toBe('caller_hangup');
  });
});
