import { readFileSync } from 'node:fs';
import { FlowGraph, validateFlow } from '@callflow/flow';
import { CallVariables } from '@callflow/flow/runtime';
import { type CallerAction, FakeChannel, FakePromptSource, testFlow } from '@callflow/flow/testing';
import { describe, expect, it } from 'vitest';
import { interpretFlow, type StepLog } from './interpretFlow.ts';

const salesSupport: unknown = JSON.parse(
  readFileSync(
    new URL('../../../../packages/flow/test/fixtures/sales-support.json', import.meta.url),
    'utf8',
  ),
);

function graphOf(document: unknown): FlowGraph {
  const result = validateFlow(document);
  if (result.document === null) throw new Error(JSON.stringify(result.problems));
  return new FlowGraph(result.document);
}

const start = { id: 's', kind: 'start' };
/** A menu `m` that waits for 1 once: no digit leaves through timeout. */
const menuWithoutRetries = {
  id: 'm',
  kind: 'menu',
  options: { prompts: [{ type: 'sound', name: 'x' }], choices: [{ digit: '1' }], retries: 0 },
};

async function run(
  document: unknown,
  actions: CallerAction[],
  options: { stepLimit?: number; signal?: AbortSignal; failing?: string[] } = {},
) {
  const steps: StepLog[] = [];
  /** Enters (with the channel's last operation at that moment) and leaves, in the order reported. */
  const events: string[] = [];
  const channel = new FakeChannel(actions);
  for (const operation of options.failing ?? []) channel.failing.add(operation);
  const result = await interpretFlow({
    graph: graphOf(document),
    channel,
    variables: new CallVariables({ 'caller.number': '1001' }),
    signal: options.signal ?? new AbortController().signal,
    stepLimit: options.stepLimit ?? 1000,
    now: () => new Date(),
    nodeClock: () => new Date('2026-01-05T10:00:00Z'),
    fetch,
    prompts: new FakePromptSource(),
    onEnter: (node) => events.push(`enter ${node.id} after ${channel.operations.at(-1) ?? 'nothing'}`),
    onStep: (step) => {
      steps.push(step);
      events.push(`leave ${step.node.id}`);
    },
  });
  return { result, channel, path: steps.map((s) => `${s.node.id}:${s.port ?? s.error}`), steps, events };
}

describe('interpretFlow', () => {
  it('follows the ports taken from start to hangup and logs every step', async () => {
    const { result, path } = await run(salesSupport, ['2']);
    expect(result).toEqual({ outcome: 'completed' });
    expect(path).toEqual(['start:next', 'answer:next', 'menu:2', 'support:next', 'bye:ended']);
  });

  it('reports entering each node before it runs, so a waiting node is known while the call is in it', async () => {
    const { events } = await run(salesSupport, ['hangup']);
    expect(events).toEqual([
      'enter start after nothing',
      'leave start',
      'enter answer after nothing',
      'leave answer',
      'enter menu after answer',
      'leave menu',
    ]);
  });

  it('ends with caller_hangup and logs the step the caller left in', async () => {
    const { result, path } = await run(salesSupport, ['hangup']);
    expect(result).toEqual({ outcome: 'caller_hangup' });
    expect(path).toEqual(['start:next', 'answer:next', 'menu:caller hung up']);
  });

  it('ends the call at an unconnected port', async () => {
    const { result, path } = await run(testFlow([start, menuWithoutRetries], ['s -> m']), [null]);
    expect(result.outcome).toBe('completed');
    expect(path).toEqual(['s:next', 'm:timeout']);
  });

  it('stops a runaway loop at the step limit', async () => {
    const loop = testFlow([start, menuWithoutRetries], ['s -> m', 'm.timeout -> m']);
    const { result, steps } = await run(loop, [], { stepLimit: 25 });
    expect(result).toEqual({ outcome: 'step_limit', error: 'stopped after 25 steps at node m' });
    expect(steps).toHaveLength(25);
  });

  it('records the variables each step changed', async () => {
    const document = testFlow(
      [
        start,
        { id: 'c', kind: 'collectDigits', options: { variable: 'pin', maxLength: 4 } },
        {
          id: 'check',
          kind: 'condition',
          options: { left: '{{vars.pin}}', operator: 'equals', right: '1234' },
        },
        { id: 'ok', kind: 'setVariable', options: { name: 'result', value: 'ok for {{caller.number}}' } },
      ],
      ['s -> c -> check', 'check.true -> ok'],
    );
    const { steps, path } = await run(document, ['1', '2', '3', '4']);
    expect(path).toEqual(['s:next', 'c:next', 'check:true', 'ok:next']);
    expect(steps.map((s) => s.variables)).toEqual([
      {},
      { 'vars.pin': '1234' },
      {},
      { 'vars.result': 'ok for 1001' },
    ]);
  });

  it('routes an expected failure to the error port and keeps its message on the step', async () => {
    const document = testFlow(
      [
        start,
        { id: 'p', kind: 'play', options: { prompts: [{ type: 'sound', name: 'x' }] } },
        { id: 'h', kind: 'hangup' },
      ],
      ['s -> p', 'p.error -> h'],
    );
    const steps: StepLog[] = [];
    const channel = new FakeChannel();
    channel.failing.add('play');
    await interpretFlow({
      graph: graphOf(document),
      channel,
      variables: new CallVariables(),
      signal: new AbortController().signal,
      stepLimit: 10,
      now: () => new Date(),
      nodeClock: () => new Date(),
      fetch,
      prompts: new FakePromptSource(),
      onEnter: () => undefined,
      onStep: (step) => steps.push(step),
    });
    expect(steps.map((s) => [s.node.id, s.port, s.error])).toEqual([
      ['s', 'next', null],
      ['p', 'error', 'play refused by the fake Asterisk'],
      ['h', 'ended', null],
    ]);
    expect(steps.map((s) => s.failed)).toEqual([false, true, false]);
  });

  describe("the flow's On error path", () => {
    const sorry = { id: 'sorry', kind: 'play', options: { prompts: [{ type: 'sound', name: 'sorry' }] } };
    const bye = { id: 'bye', kind: 'hangup' };
    /** A step that fails: the fake Asterisk refuses every device state change. */
    const failing = (id: string) => ({
      id,
      kind: 'setDeviceState',
      options: { device: 'Stasis:support', state: 'INUSE' },
    });
    const failingStep = failing('p');

    it("takes Start's On error path when a step fails with its error port unconnected, logging the port", async () => {
      const document = testFlow(
        [start, failingStep, sorry, bye],
        ['s -> p -> bye', 's.error -> sorry', 'sorry -> bye'],
      );
      const { result, steps } = await run(document, [], { failing: ['setDeviceState'] });
      expect(result).toEqual({ outcome: 'completed' });
      expect(steps.map((s) => [s.node.id, s.port, s.error])).toEqual([
        ['s', 'next', null],
        ['p', 'error', 'setDeviceState refused by the fake Asterisk'],
        ['sorry', 'next', null],
        ['bye', 'ended', null],
      ]);
    });

    it("follows a failing step's own error connection instead of the flow's", async () => {
      const document = testFlow(
        [start, failingStep, sorry, bye],
        ['s -> p -> bye', 'p.error -> bye', 's.error -> sorry', 'sorry -> bye'],
      );
      const { path } = await run(document, [], { failing: ['setDeviceState'] });
      expect(path).toEqual(['s:next', 'p:error', 'bye:ended']);
    });

    it('ends the call when a step of the On error path fails too, instead of going round it again', async () => {
      const failingSorry = failing('sorry');
      const document = testFlow(
        [start, failingStep, failingSorry, bye],
        ['s -> p -> bye', 's.error -> sorry', 'sorry -> bye'],
      );
      const { result, path } = await run(document, [], { failing: ['setDeviceState'] });
      expect(result).toEqual({ outcome: 'completed' });
      expect(path).toEqual(['s:next', 'p:error', 'sorry:error']);
    });

    it('takes the On error path once per call, even when the path leads back into the flow', async () => {
      // p fails, the error path plays "sorry" and goes back to p, which fails again: the call ends.
      const document = testFlow(
        [start, failingStep, sorry, bye],
        ['s -> p -> bye', 's.error -> sorry', 'sorry -> p'],
      );
      const { path } = await run(document, [], { failing: ['setDeviceState'] });
      expect(path).toEqual(['s:next', 'p:error', 'sorry:next', 'p:error']);
    });

    it('ends the call at a failure without an error path, as before', async () => {
      const document = testFlow([start, failingStep, bye], ['s -> p -> bye']);
      const { result, path } = await run(document, [], { failing: ['setDeviceState'] });
      expect(result).toEqual({ outcome: 'completed' });
      expect(path).toEqual(['s:next', 'p:error']);
    });
  });

  it('does not count a caller hanging up in a step as a failed step', async () => {
    const { steps } = await run(salesSupport, ['hangup']);
    expect(steps.map((s) => [s.node.id, s.error, s.failed])).toEqual([
      ['start', null, false],
      ['answer', null, false],
      ['menu', 'caller hung up', false],
    ]);
  });
});
