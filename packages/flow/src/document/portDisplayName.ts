import { nodeKindOf } from '../nodes/nodeKindOf.ts';
import { portWords } from '../nodes/portWords.ts';
import type { DisplayedNode } from './nodeDisplayName.ts';

/**
 * What one of a node's outcome ports is called on screen: its kind's own words (a menu choice's name),
 * else the shared words for the port, else the port itself. Half-filled (draft) options are fine.
 */
export function portDisplayName(node: DisplayedNode, port: string): string {
  const definition = nodeKindOf(node.kind);
  if (definition?.portLabel !== undefined && node.options !== undefined && node.options !== null) {
    try {
      const label = definition.portLabel(node.options, port)?.trim();
      if (label !== undefined && label !== '') return label;
    } catch {
      // A draft's options the kind cannot read yet: the shared words below still name the port.
    }
  }
  return Object.hasOwn(portWords, port) ? (portWords[port] ?? port) : port;
}
