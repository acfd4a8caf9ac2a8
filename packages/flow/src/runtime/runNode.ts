import type { FlowNode } from '../document/FlowDocument.ts';
import { nodeKinds } from '../nodes/nodeKinds.ts';
import type { StepContext } from './StepContext.ts';

/** Runs one node's step and returns the outcome port it took. */
export function runNode(node: FlowNode, context: StepContext): Promise<string> {
  // Indexing the registry by a union kind loses the kind/options pairing that parsing guaranteed.
  const definition = nodeKinds[node.kind] as { run(options: unknown, context: StepContext): Promise<string> };
  return definition.run(node.options, context);
}
