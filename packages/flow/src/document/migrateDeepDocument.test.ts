import { describe, expect, it } from 'vitest';
import { type FlowMigration, migrateFlowDocument } from './migrateFlowDocument.ts';

const addEdges: FlowMigration[] = [
  { from: 1, description: 'adds an empty edge list', migrate: (document) => ({ ...document, edges: [] }) },
];

describe('migrateFlowDocument on hostile nesting', () => {
  it('refuses a document nested 100,000 levels deep with a message, without overflowing the stack', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 100_000; level++) deep = [deep];
    const result = migrateFlowDocument({ nodes: [{ id: 'a', options: { note: deep } }] }, 1, {
      migrations: addEdges,
      target: 2,
    });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/nested more than 64 levels deep/) });
  });

  it('migrates a document nested as deep as flows are', () => {
    const document = { nodes: [{ id: 'a', options: { headers: [{ name: 'x', value: 'y' }] } }] };
    expect(migrateFlowDocument(document, 1, { migrations: addEdges, target: 2 })).toMatchObject({ ok: true });
  });
});
