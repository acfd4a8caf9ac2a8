import { describe, expect, it } from 'vitest';
import { currentSchemaVersion } from './FlowDocument.ts';
import {
  type FlowMigration,
  flowMigrations,
  migrateFlowDocument,
  schemaVersionProblem,
} from './migrateFlowDocument.ts';

/** A pretend history: v1 had `steps`, v2 renamed it to `nodes`, v3 added `edges`. */
const history: FlowMigration[] = [
  {
    from: 2,
    description: 'adds an empty edge list',
    migrate: (document) => ({ ...document, edges: [] }),
  },
  {
    from: 1,
    description: 'renames steps to nodes',
    migrate: ({ steps, ...rest }) => {
      if (!Array.isArray(steps)) throw new Error('steps must be a list');
      return { ...rest, nodes: steps };
    },
  },
];

describe('migrateFlowDocument', () => {
  it('has exactly one step from every version below the current one', () => {
    for (let version = 1; version < currentSchemaVersion; version++)
      expect(flowMigrations.filter((m) => m.from === version)).toHaveLength(1);
    expect(flowMigrations.every((m) => m.from >= 1 && m.from < currentSchemaVersion)).toBe(true);
  });

  it('reads every version from 1 to the current one', () => {
    for (let version = 1; version <= currentSchemaVersion; version++)
      expect(schemaVersionProblem(version)).toBeNull();
    expect(schemaVersionProblem(3, 3)).toBeNull();
    expect(schemaVersionProblem(4, 3)).toBe(
      'This file was made for flow format 4 by a newer Callflow; this Callflow reads formats 1 to 3: upgrade Callflow to open it',
    );
  });

  it('returns a current document unchanged', () => {
    const document = { schemaVersion: currentSchemaVersion, nodes: [], edges: [] };
    expect(migrateFlowDocument(document, currentSchemaVersion)).toEqual({ ok: true, document, applied: [] });
  });

  it('runs every step in version order and stamps each new version', () => {
    const input = { schemaVersion: 1, steps: [{ id: 'start' }] };
    const result = migrateFlowDocument(input, 1, { migrations: history, target: 3 });
    expect(result).toEqual({
      ok: true,
      document: { schemaVersion: 3, nodes: [{ id: 'start' }], edges: [] },
      applied: [1, 2],
    });
    expect(input).toEqual({ schemaVersion: 1, steps: [{ id: 'start' }] });
  });

  it('starts from the version the file was written in', () => {
    const result = migrateFlowDocument({ schemaVersion: 2, nodes: [] }, 2, {
      migrations: history,
      target: 3,
    });
    expect(result).toEqual({ ok: true, document: { schemaVersion: 3, nodes: [], edges: [] }, applied: [2] });
  });

  it('refuses a version newer than it understands, saying which versions it reads', () => {
    expect(migrateFlowDocument({}, currentSchemaVersion + 1)).toEqual({
      ok: false,
      message: `This file was made for flow format ${currentSchemaVersion + 1} by a newer Callflow; this Callflow reads format ${currentSchemaVersion}: upgrade Callflow to open it`,
    });
  });

  it.each([0, -1, 1.5, '1', null, undefined, Number.NaN, 2 ** 60])('refuses schemaVersion %s', (version) => {
    const result = migrateFlowDocument({}, version);
    expect(result).toEqual({
      ok: false,
      message: `This file does not say which flow format it was made in (its schemaVersion should be ${currentSchemaVersion}); this Callflow reads format ${currentSchemaVersion}: export the flow again from Callflow`,
    });
  });

  it('reports a step that fails, a gap in the registry and a document that is not an object', () => {
    expect(migrateFlowDocument({ steps: 'x' }, 1, { migrations: history, target: 3 })).toEqual({
      ok: false,
      message: 'cannot migrate schemaVersion 1 to 2: steps must be a list',
    });
    expect(migrateFlowDocument({ steps: [] }, 1, { migrations: history, target: 4 })).toEqual({
      ok: false,
      message: 'cannot migrate schemaVersion 3 to 4: the migration registry has 0 step(s) for it',
    });
    expect(migrateFlowDocument([1, 2], 1, { migrations: history, target: 3 })).toEqual({
      ok: false,
      message: 'a version 1 flow document must be a JSON object',
    });
  });
});
