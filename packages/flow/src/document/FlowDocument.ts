import { z } from 'zod';
import { type NodeKind, nodeKinds } from '../nodes/nodeKinds.ts';

export const currentSchemaVersion = 1;

export const nodeId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'node ids use letters, digits, _ and - (at most 64)');

const position = z.object({ x: z.number().finite(), y: z.number().finite() }).strict();

function nodeSchema<Kind extends NodeKind>(kind: Kind) {
  return z
    .object({
      id: nodeId,
      kind: z.literal(kind),
      label: z.string().max(80).default(''),
      position: position.default({ x: 0, y: 0 }),
      options: nodeKinds[kind].options,
    })
    .strict();
}

type NodeSchemas = { [Kind in NodeKind]: ReturnType<typeof nodeSchema<Kind>> };
/** One node; `options` is typed by its kind. */
export type FlowNodeOf<Kind extends NodeKind> = z.output<NodeSchemas[Kind]>;
export type FlowNode = { [Kind in NodeKind]: FlowNodeOf<Kind> }[NodeKind];

// Built from the registry so a new kind needs no change here; zod cannot infer a union built by a loop,
// so the element type is stated once.
const nodeSchemas = (Object.keys(nodeKinds) as NodeKind[]).map((kind) => nodeSchema(kind)) as unknown as [
  NodeSchemas[NodeKind],
  ...NodeSchemas[NodeKind][],
];

export const flowNode = z.discriminatedUnion('kind', nodeSchemas);

export const flowEdge = z
  .object({
    id: z.string().min(1).max(128),
    source: nodeId,
    /** The source node's outcome port, e.g. `next`, `1`, `timeout`. */
    port: z.string().min(1).max(32),
    target: nodeId,
  })
  .strict();
export type FlowEdge = z.output<typeof flowEdge>;

export const flowDocument = z
  .object({
    schemaVersion: z.literal(currentSchemaVersion),
    nodes: z.array(flowNode).max(5000),
    edges: z.array(flowEdge).max(20_000),
  })
  .strict();
export type FlowDocument = z.output<typeof flowDocument>;
/** A document as written by hand or by older editors: option defaults may be left out. */
export type FlowDocumentInput = z.input<typeof flowDocument>;
