import { type FlowNode, flowNode } from '../document/FlowDocument.ts';
import { CallVariables } from '../runtime/CallVariables.ts';
import { runNode } from '../runtime/runNode.ts';
import { FakeChannel } from './FakeChannel.ts';

export interface TestNodeRun {
  port: string;
  channel: FakeChannel;
  variables: CallVariables;
  errors: string[];
}

/** Parses a node as a flow file would and runs its step against a fake channel. */
export async function runTestNode(
  /** Any JSON: it is parsed like a node of a flow file. */
  node: unknown,
  setup: {
    channel?: FakeChannel;
    variables?: Record<string, string>;
    now?: Date;
    fetch?: typeof fetch;
    signal?: AbortSignal;
  } = {},
): Promise<TestNodeRun> {
  const parsed: FlowNode = flowNode.parse(node);
  const channel = setup.channel ?? new FakeChannel();
  const variables = new CallVariables(setup.variables);
  const errors: string[] = [];
  const port = await runNode(parsed, {
    nodeId: parsed.id,
    channel,
    variables,
    signal: setup.signal ?? new AbortController().signal,
    now: () => setup.now ?? new Date(),
    fetch: setup.fetch ?? fetch,
    reportError: (message) => errors.push(message),
  });
  return { port, channel, variables, errors };
}
