import { type FlowNode, flowNode } from '../document/FlowDocument.ts';
import { CallVariables } from '../runtime/CallVariables.ts';
import { runNode } from '../runtime/runNode.ts';
import { FakeChannel } from './FakeChannel.ts';
import { FakePromptSource } from './FakePromptSource.ts';

export interface TestNodeRun {
  port: string;
  channel: FakeChannel;
  variables: CallVariables;
  prompts: FakePromptSource;
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
    prompts?: FakePromptSource;
  } = {},
): Promise<TestNodeRun> {
  const parsed: FlowNode = flowNode.parse(node);
  const channel = setup.channel ?? new FakeChannel();
  const variables = new CallVariables(setup.variables);
  const prompts = setup.prompts ?? new FakePromptSource();
  const errors: string[] = [];
  const port = await runNode(parsed, {
    nodeId: parsed.id,
    channel,
    variables,
    signal: setup.signal ?? new AbortController().signal,
    now: () => setup.now ?? new Date(),
    fetch: setup.fetch ?? fetch,
    prompts,
    reportError: (message) => errors.push(message),
  });
  return { port, channel, variables, prompts, errors };
}
