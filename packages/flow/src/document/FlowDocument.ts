import { z } from 'zod';
import { type NodeKind, nodeKinds } from '../nodes/nodeKinds.ts';

export const currentSchemaVersion = 1;

export const nodeId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'node ids use letters, digits, _ and - (at most 64)')
  .max(64);

const position = z.object({ x: z.number().finite(), y: z.number().finite() }).strict();

const nodeEnvelope = z.object({
  id: nodeId,
  label: z.string().max(80).default(''),
  position: position.default({ x: 0, y: 0 }),
});

/** One node; `options` is typed by its kind. */
export type FlowNodeOf<Kind extends NodeKind> = z.output<typeof nodeEnvelope> & {
  kind: Kind;
  options: z.output<(typeof nodeKinds)[Kind]['options']>;
};
export type FlowNode = { [Kind in NodeKind]: FlowNodeOf<Kind> }[NodeKind];

function nodeSchema(kind: NodeKind) {
  return nodeEnvelope.extend({ kind: z.literal(kind), options: nodeKinds[kind].options }).strict();
}

// Built from the registry so a new kind needs no change here. zod cannot infer a union built by a loop,
// so the node type is stated once, from the same option schemas.
const [firstKind, ...otherKinds] = Object.keys(nodeKinds) as [NodeKind, ...NodeKind[]];
export const flowNode = z.discriminatedUnion('kind', [
  nodeSchema(firstKind),
  ...otherKinds.map(nodeSchema),
]) as unknown as z.ZodType<FlowNode, z.input<ReturnType<typeof nodeSchema>>>;

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
