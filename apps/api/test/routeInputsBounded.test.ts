// Every path parameter and query parameter of every route has a maximum length: a value is refused
// by its schema before any handler, cursor decoder or database query sees it.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiRoutes } from '../src/routes/apiRoutes.ts';

type JsonSchema = { [key: string]: unknown };

/** Formats zod checks with a fixed-shape pattern (a UUID, an ISO date or date-time). */
const fixedFormats = new Set(['uuid', 'date', 'date-time']);

/** Whether an anchored pattern repeats nothing without a bound (`*`, `+`, `{n,}` outside [classes]). */
function boundedPattern(pattern: string): boolean {
  const bare = pattern.replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, 'x');
  return bare.startsWith('^') && bare.endsWith('$') && !/[*+]|\{\d+,\}/.test(bare);
}

function boundedString(node: JsonSchema): boolean {
  return (
    node.maxLength !== undefined ||
    node.enum !== undefined ||
    node.const !== undefined ||
    (typeof node.format === 'string' && fixedFormats.has(node.format)) ||
    (typeof node.pattern === 'string' && boundedPattern(node.pattern))
  );
}

/** Paths (inside `schema`) of strings without a maximum length and of arrays without maxItems. */
function unbounded(schema: unknown, path: string): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as JsonSchema;
  const found: string[] = [];
  if (node.type === 'string' && !boundedString(node)) found.push(path);
  if (node.type === 'array' && node.maxItems === undefined) found.push(path);
  for (const [key, child] of Object.entries(node)) {
    if (Array.isArray(child)) {
      for (const [index, item] of child.entries()) found.push(...unbounded(item, `${path}.${key}[${index}]`));
    } else if (typeof child === 'object') found.push(...unbounded(child, `${path}.${key}`));
  }
  return found;
}

describe('route inputs', () => {
  it('knows a bounded pattern', () => {
    expect(boundedPattern('^[0-9][0-9*#]{1,19}$')).toBe(true);
    expect(boundedPattern('^[a-z]+$')).toBe(false);
    expect(boundedPattern('^a{2,}$')).toBe(false);
    expect(boundedPattern('^a\\*$')).toBe(true);
    expect(boundedPattern('[0-9]{1,4}')).toBe(false);
  });

  it('bound every path and query parameter of every route', () => {
    const found: string[] = [];
    for (const route of apiRoutes) {
      for (const where of ['params', 'query'] as const) {
        const schema = route[where];
        if (schema === undefined) continue;
        const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
        found.push(...unbounded(json, `${route.method.toUpperCase()} ${route.path} ${where}`));
      }
    }
    expect(found).toEqual([]);
  });
});
