import { type FlowGraph, type FlowNode, stepErrors } from '@callflow/flow';
import {
  type CallChannel,
  CallEndedError,
  type CallVariables,
  type PromptSource,
  runNode,
  type SecretSource,
} from '@callflow/flow/runtime';
import { CallLimitReached } from './CallLimitReached.ts';
import { CallLost } from './CallLost.ts';

export interface StepLog {
  node: FlowNode;
  enteredAt: Date;
  leftAt: Date;
  port: string | null;
  variables: Record<string, string>;
  error: string | null;
  /** The step reported an error or threw; a caller hanging up during it is not a failure. */
  failed: boolean;
}

export type FlowOutcome =
  | { outcome: 'completed' }
  | { outcome: 'caller_hangup' }
  | { outcome: 'step_limit'; error: string }
  /** The runtime ended the call: it lasted, or stayed in a bridge, longer than its limit allows. */
  | { outcome: 'time_limit'; error: string }
  | { outcome: 'error'; error: string };

export interface InterpretFlowOptions {
  graph: FlowGraph;
  channel: CallChannel;
  variables: CallVariables;
  /** Aborted when the caller hangs up, or with a CallLimitReached when the runtime ends the call. */
  signal: AbortSignal;
  stepLimit: number;
  /** Wall clock for the step log. */
  now: () => Date;
  /** The time nodes see (time-of-day); the wall clock unless a test fixes it. */
  nodeClock: () => Date;
  fetch: typeof fetch;
  /** The credentials store, for HTTP lookup header values; see StepContext.secrets. */
  secrets?: SecretSource;
  /** The call's library prompts and text-to-speech; see StepContext.prompts. */
  prompts: PromptSource;
  /** Before the node runs: lets a node that waits (menu, dial) be seen while the call is in it. */
  onEnter: (node: FlowNode, enteredAt: Date) => void;
  /** When the node is left (or the call ends in it). */
  onStep: (step: StepLog) => void;
}

/** How a call whose signal is aborted ended: the caller hung up, unless a limit ended it. */
function endedBy(signal: AbortSignal): FlowOutcome {
  return signal.reason instanceof CallLimitReached
    ? { outcome: 'time_limit', error: signal.reason.message }
    : { outcome: 'caller_hangup' };
}

/** What the step a call ended in says: which limit, that the runtime lost the call, or a hangup. */
function whyEndedIn(signal: AbortSignal, ended: FlowOutcome): string {
  if (ended.outcome === 'time_limit') return ended.error;
  return signal.reason instanceof CallLost ? signal.reason.message : stepErrors.callerHungUp.says();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Walks the flow from Start: run a node, follow the edge of the port it took, until a node's port
 * leads nowhere. Expected failures arrive as ports; a failure whose `error` port is not connected
 * goes to the flow's On error path (Start's `error` port) once per call, so a failure inside that
 * path ends the call instead of looping. Anything thrown ends the call. Cleanup of what the call
 * created belongs to the caller of this function (the call session), not to the nodes.
 */
export async function interpretFlow(options: InterpretFlowOptions): Promise<FlowOutcome> {
  const { graph, channel, variables, signal, now } = options;
  let tookErrorPath = false;
  for (let node = graph.startNode, steps = 0; node !== undefined; steps++) {
    const current = node;
    if (signal.aborted) return endedBy(signal);
    if (steps >= options.stepLimit) {
      return {
        outcome: 'step_limit',
        error: `stopped after ${options.stepLimit} steps at node ${current.id}`,
      };
    }
    const enteredAt = now();
    options.onEnter(current, enteredAt);
    const errors: string[] = [];
    const record = (port: string | null, error: string | null, failed: boolean) =>
      options.onStep({
        node: current,
        enteredAt,
        leftAt: now(),
        port,
        variables: variables.takeChanges(),
        error,
        failed,
      });
    let port: string;
    try {
      port = await runNode(current, {
        nodeId: current.id,
        channel,
        variables,
        signal,
        now: options.nodeClock,
        fetch: options.fetch,
        secrets: options.secrets,
        prompts: options.prompts,
        reportError: (message) => errors.push(message),
      });
    } catch (error) {
      const hungUp = error instanceof CallEndedError || signal.aborted;
      if (!hungUp) {
        record(null, messageOf(error), true);
        return { outcome: 'error', error: `node ${current.id}: ${messageOf(error)}` };
      }
      const ended = endedBy(signal);
      record(null, whyEndedIn(signal, ended), false);
      return ended;
    }
    record(port, errors.length === 0 ? null : errors.join('; '), errors.length > 0);
    const wired = graph.nodeAfter(current.id, port);
    const onError: FlowNode | undefined =
      wired === undefined && !tookErrorPath ? graph.nodeAfterFailure(current.id, port) : undefined;
    tookErrorPath ||= onError !== undefined;
    node = wired ?? onError;
  }
  return { outcome: 'completed' };
}
