import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { flowDocument } from '../document/FlowDocument.ts';
import { nodeKinds } from './nodeKinds.ts';

type JsonSchema = { readonly [key: string]: unknown };

/**
 * Where a JSON Schema lets a string, an array or a map grow without a stated maximum. A pattern is not
 * counted as a bound: the JSON Schema a flow file is checked against elsewhere must say it, and a
 * pattern's own bound is easy to lose in an edit.
 */
function unboundedPlaces(schema: unknown, path: string): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as JsonSchema;
  const found: string[] = [];
  const fixed = 'enum' in node || 'const' in node;
  if (node.type === 'string' && node.maxLength === undefined && !fixed) found.push(`${path} (string)`);
  if (node.type === 'array' && node.maxItems === undefined && node.prefixItems === undefined)
    found.push(`${path} (array)`);
  if (
    node.type === 'object' &&
    typeof node.additionalProperties === 'object' &&
    node.maxProperties === undefined
  )
    found.push(`${path} (map)`);
  for (const [key, child] of Object.entries(node)) {
    if (Array.isArray(child)) {
      for (const [index, item] of child.entries())
        found.push(...unboundedPlaces(item, `${path}.${key}[${index}]`));
    } else found.push(...unboundedPlaces(child, key === 'properties' ? path : `${path}.${key}`));
  }
  return found;
}

describe('every option of every node kind is bounded', () => {
  it.each(Object.values(nodeKinds))('$kind: each string, list and map has a maximum', (definition) => {
    const schema = z.toJSONSchema(definition.options, { io: 'input', unrepresentable: 'any' });
    expect(unboundedPlaces(schema, definition.kind)).toEqual([]);
  });

  it('the flow document around the options too (ids, labels, edges)', () => {
    const schema = z.toJSONSchema(flowDocument, { io: 'input', unrepresentable: 'any' });
    expect(unboundedPlaces(schema, 'flow')).toEqual([]);
  });

  it('the check itself finds an unbounded string, list and map', () => {
    const loose = z.object({
      a: z.string(),
      b: z.array(z.number()).max(3),
      c: z.record(z.string(), z.number()),
    });
    expect(unboundedPlaces(z.toJSONSchema(loose, { io: 'input' }), 'x')).toEqual([
      'x.a (string)',
      'x.c (map)',
      'x.c.propertyNames (string)',
    ]);
  });
});
