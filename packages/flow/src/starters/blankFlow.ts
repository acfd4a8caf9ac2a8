import type { FlowDocument } from '../document/FlowDocument.ts';
import { errorPath, errorPathWires, starterDocument } from './starterDocument.ts';

/**
 * What "start blank" gives: Start, and its On error path already saying sorry and hanging up, so a
 * new flow needs no error wiring before it can be published.
 */
export const blankFlow: FlowDocument = starterDocument(
  [{ id: 'start', kind: 'start', label: 'Incoming call', at: [0, 0] }, ...errorPath(1, 1)],
  errorPathWires,
);
