import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowJsonSchema } from './flowJsonSchema.ts';

describe('flow.schema.json', () => {
  it('is the committed output of the zod schema (run npm run schema:write -w @callflow/flow)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../flow.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(flowJsonSchema());
  });
});
