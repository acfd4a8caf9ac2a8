import { defaultFlowLanguage } from '../document/flowLanguages.ts';
import { callLanguageVariable } from '../nodes/start/start.ts';
import { CallEndedError } from '../runtime/CallEndedError.ts';
import { CallVariables } from '../runtime/CallVariables.ts';
import { runNode } from '../runtime/runNode.ts';
import { FlowGraph } from '../validation/FlowGraph.ts';
import { validateFlow } from '../validation/validateFlow.ts';
import { type CallerAction, FakeChannel } from './FakeChannel.ts';
import { FakePromptSource } from './FakePromptSource.ts';

export interface TestFlowRun {
  /** `node:port` for each step, `node:(caller hung up)` for the one the caller left in. */
  path: string[];
  channel: FakeChannel;
  prompts: FakePromptSource;
  variables: CallVariables;
  /** The errors steps reported, each as `node: message`. */
  errors: string[];
}

/**
 * Runs a whole test flow (see testFlow) as a call would, against a fake channel and a fake prompt
 * library: from Start, following the port each node takes, until one leads nowhere or the caller hangs
 * up. The call starts in the flow's language, as the runtime's sessions do. Not the runtime's
 * interpreter (no call log, no limits but a step count): for node kinds' tests across several nodes.
 */
export async function runTestFlow(
  /** Any JSON: validated as the runtime does; a flow with errors throws them. */
  document: unknown,
  setup: {
    callerActions?: CallerAction[];
    variables?: Record<string, string>;
    prompts?: FakePromptSource;
    stepLimit?: number;
  } = {},
): Promise<TestFlowRun> {
  const validation = validateFlow(document);
  if (!validation.ok) throw new Error(validation.problems.map((problem) => problem.message).join('; '));
  const graph = new FlowGraph(validation.document);
  const language = defaultFlowLanguage(validation.document);
  const channel = new FakeChannel(setup.callerActions);
  const prompts = setup.prompts ?? new FakePromptSource(language);
  const variables = new CallVariables({
    'caller.number': '1001',
    [callLanguageVariable]: language,
    ...setup.variables,
  });
  const run: TestFlowRun = { path: [], channel, prompts, variables, errors: [] };
  const stepLimit = setup.stepLimit ?? 100;
  for (let node = graph.startNode, steps = 0; node !== undefined && steps < stepLimit; steps++) {
    const { id } = node;
    let port: string;
    try {
      port = await runNode(node, {
        nodeId: id,
        channel,
        variables,
        signal: new AbortController().signal,
        now: () => new Date(),
        fetch: () => Promise.reject(new Error('a test flow makes no HTTP requests')),
        prompts,
        reportError: (message) => run.errors.push(`${id}: ${message}`),
      });
    } catch (error) {
      if (!(error instanceof CallEndedError)) throw error;
      run.path.push(`${id}:(caller hung up)`);
      return run;
    }
    run.path.push(`${id}:${port}`);
    node = graph.nodeAfter(id, port);
  }
  return run;
}
