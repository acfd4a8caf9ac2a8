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
  // A label over the limit is itself a problem; its message names the node without repeating all of it.
  if (label !== '') return `${title} “${label.length > 60 ? `${label.slice(0, 59).trimEnd()}…` : label}”`;
  const name = nodeDisplayName(node);
  return name.startsWith(`${title}: `) ? `${title} (${name.slice(title.length + 2)})` : title;
}
