import { currentSchemaVersion } from './FlowDocument.ts';
import { nestsDeeperThan } from './nestsDeeperThan.ts';

/** Flow documents nest about six levels (document, nodes, node, options, list, item); 64 is plenty. */
export const maxDocumentDepth = 64;

/** One step of the flow document format: rewrites a document of version `from` into version `from + 1`. */
export interface FlowMigration {
  readonly from: number;
  /** What changed in the format, for people reading the registry. */
  readonly description: string;
  /**
   * Receives a deep copy of the document (JSON only) and returns it in the next format. It may throw
   * with a message meant for the person importing the file when the document cannot be migrated.
   * The runner sets `schemaVersion` to `from + 1` afterwards.
   */
  migrate(document: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Every format change, oldest first: exactly one step from each version below currentSchemaVersion.
 * Version 1 is the first format, so there is nothing to migrate yet. When the document format changes,
 * bump currentSchemaVersion and add `{ from: 1, description, migrate }` here (with a test beside it).
 */
export const flowMigrations: readonly FlowMigration[] = [];

export type FlowMigrationResult =
  | {
      readonly ok: true;
      /** The document in the target format (not yet validated against its schema). */
      readonly document: unknown;
      /** The versions the document went through, e.g. [1, 2] for a version 1 file migrated to 3. */
      readonly applied: readonly number[];
    }
  | { readonly ok: false; readonly message: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Why a file's schemaVersion cannot be read (null when it can): not a whole number of at least 1, or
 * newer than `target` (written by a newer Callflow).
 */
export function schemaVersionProblem(version: unknown, target: number = currentSchemaVersion): string | null {
  const reads = target === 1 ? 'format 1' : `formats 1 to ${target}`;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1)
    return `This file does not say which flow format it was made in (its schemaVersion should be ${target === 1 ? '1' : `a whole number from 1 to ${target}`}); this Callflow reads ${reads}: export the flow again from Callflow`;
  if (version > target)
    return `This file was made for flow format ${version} by a newer Callflow; this Callflow reads ${reads}: upgrade Callflow to open it`;
  return null;
}

/**
 * Brings a flow document written in format `from` up to `target` (default: the current format) by
 * running the registry's steps in order. Refuses, with a message for people, a version that is not a
 * whole number of at least 1, a version newer than `target` (written by a newer Callflow), and a gap in
 * the registry. The input is never modified.
 */
export function migrateFlowDocument(
  document: unknown,
  from: unknown,
  options: { readonly migrations?: readonly FlowMigration[]; readonly target?: number } = {},
): FlowMigrationResult {
  const migrations = options.migrations ?? flowMigrations;
  const target = options.target ?? currentSchemaVersion;
  const problem = schemaVersionProblem(from, target);
  if (problem !== null || typeof from !== 'number') {
    return { ok: false, message: problem ?? 'schemaVersion must be a number' };
  }
  if (from === target) return { ok: true, document, applied: [] };
  if (!isPlainObject(document)) {
    return { ok: false, message: `a version ${from} flow document must be a JSON object` };
  }
  // structuredClone recurses: a file nested 100,000 levels deep would overflow the stack.
  if (nestsDeeperThan(document, maxDocumentDepth)) {
    return {
      ok: false,
      message: `a flow document is never nested more than ${maxDocumentDepth} levels deep; this one is, so it cannot be a flow`,
    };
  }
  let current: Record<string, unknown> = structuredClone(document);
  const applied: number[] = [];
  for (let version = from; version < target; version++) {
    const step = migrations.filter((migration) => migration.from === version);
    const migration = step[0];
    if (migration === undefined || step.length > 1) {
      // A broken registry, not a broken file: say so plainly.
      return {
        ok: false,
        message: `cannot migrate schemaVersion ${version} to ${version + 1}: the migration registry has ${step.length} step(s) for it`,
      };
    }
    let next: unknown;
    try {
      next = migration.migrate(current);
    } catch (error) {
      return {
        ok: false,
        message: `cannot migrate schemaVersion ${version} to ${version + 1}: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    if (!isPlainObject(next)) {
      return {
        ok: false,
        message: `cannot migrate schemaVersion ${version} to ${version + 1}: the migration returned no document`,
      };
    }
    current = { ...next, schemaVersion: version + 1 };
    applied.push(version);
  }
  return { ok: true, document: current, applied };
}
