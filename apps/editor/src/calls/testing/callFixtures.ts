import type { CallItem, StepItem } from '@callflow/contract';

/** A call as the API sends it: ended, from 1001 to extension 6001 on "Sales" version 3. */
export function makeCall(overrides: Partial<CallItem> = {}): CallItem {
  const call: CallItem = {
    id: 'call-1',
    channelId: '1700000000.1',
    asteriskServer: 'pbx-1',
    appName: 'callflow-6001',
    extension: '6001',
    flowId: 'flow-sales',
    flowName: 'Sales',
    flowVersionId: 'version-3',
    flowVersionNumber: 3,
    callerNumber: '1001',
    callerName: 'Alice',
    startedAt: '2026-03-02T10:00:00.000Z',
    endedAt: '2026-03-02T10:01:05.000Z',
    durationMs: 65_000,
    live: false,
    outcome: 'completed',
    hangupCause: '16',
    stepCount: 2,
    error: null,
    currentNodeId: null,
    currentNodeSince: null,
  };
  return { ...call, ...overrides };
}

/** The same call while it is still going on. */
export function makeLiveCall(overrides: Partial<CallItem> = {}): CallItem {
  return makeCall({
    endedAt: null,
    durationMs: null,
    live: true,
    outcome: null,
    hangupCause: null,
    stepCount: 0,
    ...overrides,
  });
}

/** A step that has been left through port `next`. */
export function makeStep(overrides: Partial<StepItem> = {}): StepItem {
  const step: StepItem = {
    id: 1,
    callId: 'call-1',
    seq: 1,
    nodeId: 'start',
    kind: 'start',
    enteredAt: '2026-03-02T10:00:00.000Z',
    leftAt: '2026-03-02T10:00:00.120Z',
    durationMs: 120,
    port: 'next',
    variables: {},
    error: null,
  };
  return { ...step, ...overrides };
}
