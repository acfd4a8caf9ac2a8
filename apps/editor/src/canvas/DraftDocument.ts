import { type FlowEdge, nodeKindNames } from '@callflow/flow';
import { z } from 'zod';

/**
 * A flow as the editor holds it while a person edits it: the shape of a flow document, but a node's
 * options may be half filled in (a field just cleared). Validation says what is wrong; the draft is
 * saved to the API whenever it is a flow document again.
 */
export const draftNode = z.object({
  id: z.string(),
  kind: z.enum(nodeKindNames),
  label: z.string().default(''),
  position: z.object({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
  options: z.record(z.string(), z.unknown()).default({}),
});
export type DraftNode = z.output<typeof draftNode>;

export const draftDocument = z.object({
  schemaVersion: z.number().int(),
  nodes: z.array(draftNode),
  edges: z.array(z.object({ id: z.string(), source: z.string(), port: z.string(), target: z.string() })),
});
export type DraftDocument = { schemaVersion: number; nodes: DraftNode[]; edges: FlowEdge[] };
