import { channelJson } from '@callflow/ari/testing';
import { type FlowDocument, FlowGraph } from '@callflow/flow';
import { defaultCallLimits } from '../engine/CallLimits.ts';
import { type CallSessionDeps, runCallSession } from '../engine/CallSession.ts';
import { NamedBridges } from '../engine/NamedBridges.ts';
import { PinnedAudio } from '../media/PinnedAudio.ts';
import { RuntimeMetrics } from '../metrics/RuntimeMetrics.ts';
import { testAriEvent } from './testAriEvent.ts';

export interface TestCall {
  channelId: string;
  /** The call comes to app callflow-<extension>. */
  extension: string;
  /** Run as version 1 (id v1) of flow f1. */
  document: FlowDocument;
  /** What the version pinned; default nothing. */
  audio?: PinnedAudio;
  /**
   * What the session talks to; the rest defaults to server 'test', its own metrics and bridges, the
   * default limits, 100 steps, the real clocks and fetch, no secrets.
   */
  deps: Pick<CallSessionDeps, 'ari' | 'router' | 'callLog' | 'logger'> & Partial<CallSessionDeps>;
  /** Default: never aborted. */
  connectionLost?: AbortSignal;
}

/** Runs a call session for a StasisStart of the channel `channelId`: resolves when the call has ended. */
export function runTestCallSession(call: TestCall): Promise<void> {
  const appName = `callflow-${call.extension}`;
  const start = testAriEvent(
    { type: 'StasisStart', args: [], channel: channelJson(call.channelId) },
    appName,
  );
  if (start.type !== 'StasisStart') throw new Error('unreachable');
  return runCallSession(
    start,
    {
      appName,
      extension: call.extension,
      version: {
        id: 'v1',
        flowId: 'f1',
        number: 1,
        graph: new FlowGraph(call.document),
        audio: call.audio ?? PinnedAudio.none,
      },
    },
    {
      bridges: new NamedBridges(call.deps.ari, call.deps.logger),
      asteriskServer: 'test',
      metrics: new RuntimeMetrics().forServer('test'),
      liveChannels: new Set(),
      outboundLegs: new Set(),
      limits: defaultCallLimits,
      stepLimit: 100,
      now: () => new Date(),
      nodeClock: () => new Date(),
      fetch,
      ...call.deps,
    },
    call.connectionLost ?? new AbortController().signal,
  );
}
