import type { FlowNode } from '../document/FlowDocument.ts';
import { nodeSteps } from '../nodes/nodeSteps.ts';
import type { StepContext } from './StepContext.ts';

/** Runs one node's step and returns the outcome port it took. */
export function runNode(node: FlowNode, context: StepContext): Promise<string> {
  // Indexing the registry by a union kind loses the kind/options pairing that parsing guaranteed.
  const step = nodeSteps[node.kind] as (options: unknown, context: StepContext) => Promise<string>;
  return step(node.options, context);
}
