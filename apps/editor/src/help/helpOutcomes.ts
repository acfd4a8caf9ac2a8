import {
  flowNode,
  isGenericOutcome,
  type NodeKind,
  nodeKinds,
  outcomeHelp,
  portDisplayName,
  portsOf,
} from '@callflow/flow';
import type { DraftNode } from '../canvas/DraftDocument.ts';

/** One outcome as the help panel lists it: its name on the canvas and when the call takes it. */
export interface HelpOutcome {
  readonly port: string;
  readonly name: string;
  readonly when: string;
}

/**
 * A kind's outcomes for its help panel. For a node whose options are valid, its own ports by the names
 * the canvas shows (a menu's “Sales”, “Support”); else every outcome the kind documents, a generic one
 * by its words (“Each choice”).
 */
export function helpOutcomes(kind: NodeKind, node?: DraftNode): readonly HelpOutcome[] {
  if (node !== undefined) {
    const parsed = flowNode.safeParse({ id: 'help', kind: node.kind, options: node.options });
    if (parsed.success) {
      return portsOf(parsed.data).map((port) => ({
        port,
        name: portDisplayName(node, port),
        when: outcomeHelp(kind, port) ?? '',
      }));
    }
  }
  return Object.entries(nodeKinds[kind].help.outcomes).map(([key, when]) => ({
    port: key,
    name: isGenericOutcome(key) ? key.slice(1, -1) : portDisplayName({ kind, options: {} }, key),
    when,
  }));
}
