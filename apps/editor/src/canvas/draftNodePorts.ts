import { flowNode, portsOf } from '@callflow/flow';
import type { DraftDocument, DraftNode } from './DraftDocument.ts';

/**
 * A node's outcome ports, in display order. While its options are half filled in, the ports it had
 * connections on are kept so no connection disappears from the canvas mid-edit.
 */
export function draftNodePorts(node: DraftNode, document: DraftDocument): readonly string[] {
  const parsed = flowNode.safeParse(node);
  const ports = parsed.success ? portsOf(parsed.data) : [];
  const connected = document.edges.filter((edge) => edge.source === node.id).map((edge) => edge.port);
  return [...ports, ...connected.filter((port) => !ports.includes(port))];
}
