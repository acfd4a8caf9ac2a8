import type { DisplayedNode } from '../document/nodeDisplayName.ts';
import { nodeKindOf } from '../nodes/nodeKindOf.ts';
import { nodeKinds } from '../nodes/nodeKinds.ts';
import { describeNode } from './describeNode.ts';
import { fieldLabel } from './fieldLabel.ts';

/** `options.choices.1.digit` → ['choices', 1, 'digit'] (the segments after `options`), or null. */
export function optionPath(path: string): (string | number)[] | null {
  const parts = path.split('.');
  const at = parts.indexOf('options');
  if (at === -1) return null;
  return parts.slice(at + 1).map((part) => (/^(0|[1-9][0-9]*)$/.test(part) ? Number(part) : part));
}

/**
 * How a problem about one of a node's fields starts: the node's name and the field's label in the
 * form, "Menu “Main menu”: Choices › choice 2 › Digit: ". `path` is the problem's (`nodes.4.options.…`);
 * a path outside the options names the node alone. The editor strips this lead under the field itself.
 */
export function nodeProblemLead(node: DisplayedNode, path: string): string {
  const name = describeNode(node);
  const segments = optionPath(path);
  const definition =
    nodeKindOf(node.kind) === undefined ? undefined : nodeKinds[node.kind as keyof typeof nodeKinds];
  const label =
    segments === null || definition === undefined
      ? ''
      : fieldLabel(definition.options, node.options, segments);
  return label === '' ? `${name}: ` : `${name}: ${label}: `;
}
