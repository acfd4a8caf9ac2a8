import type { FlowNode } from '../document/FlowDocument.ts';
import { nodeKinds } from '../nodes/nodeKinds.ts';

/** How problems name a node: by its label when it has one, else by its kind; with its id. */
export function describeNode(node: FlowNode): string {
  const title = nodeKinds[node.kind].title;
  return node.label === '' ? `${title} node "${node.id}"` : `"${node.label}" (${title}, ${node.id})`;
}
