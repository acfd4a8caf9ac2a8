import { type DisplayedNode, nodeDisplayName } from '../document/nodeDisplayName.ts';
import { nodeKindOf } from '../nodes/nodeKindOf.ts';

/**
 * How problems name a node: its kind's title (the palette's word) and its label, `Menu “Main menu”`;
 * without a label, the kind and what it does, `Play (“Welcome to Acme”)`, or the kind alone, `Hang up`.
 * Never its id, which is an internal name (a problem carries it in `nodeId`).
 */
export function describeNode(node: DisplayedNode): string {
  const title = nodeKindOf(node.kind)?.title ?? 'Node';
  const label = node.label?.trim() ?? '';
  if (label !== '') return `${title} “${label}”`;
  const name = nodeDisplayName(node);
  return name.startsWith(`${title}: `) ? `${title} (${name.slice(title.length + 2)})` : title;
}
