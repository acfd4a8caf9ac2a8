import { z } from 'zod';

/**
 * The part of JSON Schema the inspector understands, as `z.toJSONSchema` writes it for node options.
 * Unknown keywords pass through untouched; a shape the form does not know becomes a JSON field.
 */
export const jsonSchemaNode = z.looseObject({
  type: z.union([z.string(), z.array(z.string())]).optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  /** Option metadata from the node kinds (see commonOptions.ts in @callflow/flow). */
  widget: z.string().optional(),
  enumLabels: z.record(z.string(), z.string()).optional(),
  nullLabel: z.string().optional(),
  examples: z.array(z.unknown()).optional(),
  default: z.unknown().optional(),
  const: z.unknown().optional(),
  enum: z.array(z.unknown()).optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  exclusiveMinimum: z.number().optional(),
  exclusiveMaximum: z.number().optional(),
  minLength: z.number().optional(),
  maxLength: z.number().optional(),
  pattern: z.string().optional(),
  minItems: z.number().optional(),
  maxItems: z.number().optional(),
  required: z.array(z.string()).optional(),
  get properties() {
    return z.record(z.string(), jsonSchemaNode).optional();
  },
  get items() {
    return jsonSchemaNode.optional();
  },
  get anyOf() {
    return z.array(jsonSchemaNode).optional();
  },
  get oneOf() {
    return z.array(jsonSchemaNode).optional();
  },
});
export type JsonSchemaNode = z.output<typeof jsonSchemaNode>;
