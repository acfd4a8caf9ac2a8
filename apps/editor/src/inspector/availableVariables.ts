import {
  currentSchemaVersion,
  FlowGraph,
  type FlowNode,
  flowNode,
  variableAvailability,
} from '@callflow/flow';
import type { DraftDocument } from '../canvas/DraftDocument.ts';

/**
 * The variables that may exist when a call reaches `nodeId`, for the template fields' "insert
 * variable" list. The draft may not be a valid flow yet: a node whose options do not parse counts
 * as setting nothing until it is fixed (validation already points at it).
 */
export function availableVariables(document: DraftDocument, nodeId: string): string[] {
  const nodes = document.nodes.flatMap((node): FlowNode[] => {
    const parsed = flowNode.safeParse(node);
    if (parsed.success) return [parsed.data];
    const placeholder = flowNode.safeParse({ id: node.id, kind: 'answer', options: {} });
    return placeholder.success ? [placeholder.data] : [];
  });
  const graph = new FlowGraph({ schemaVersion: currentSchemaVersion, nodes, edges: document.edges });
  return variableAvailability(graph).at(nodeId);
}
