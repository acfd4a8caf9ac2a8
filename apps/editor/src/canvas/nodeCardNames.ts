import { nodeDisplayName, portDisplayName } from '@callflow/flow';
import type { DraftNode } from './DraftDocument.ts';

interface CardNames {
  readonly ports: readonly string[];
  readonly name: string;
  readonly portNames: readonly string[];
}

// The editor never changes a node in place, so a node object's names are worked out once (a 500-node
// flow rebuilds its cards on every selection change).
const namesOf = new WeakMap<DraftNode, CardNames>();

/** What a card shows for a node: its name for people and the name of each of its outcome ports. */
export function nodeCardNames(node: DraftNode, ports: readonly string[]): CardNames {
  const known = namesOf.get(node);
  if (known !== undefined && known.ports === ports) return known;
  const names = {
    ports,
    name: nodeDisplayName(node),
    portNames: ports.map((port) => portDisplayName(node, port)),
  };
  namesOf.set(node, names);
  return names;
}
