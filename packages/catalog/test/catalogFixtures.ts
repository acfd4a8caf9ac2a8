import type { Database } from '@callflow/db';
import { type FlowDocument, validateFlow } from '@callflow/flow';
import { testFlow } from '@callflow/flow/testing';
import { expect } from 'vitest';
import { CatalogError, type CatalogErrorCode } from '../src/CatalogError.ts';
import type { PublishRequest } from '../src/publish.ts';

/** Start → play digits → hang up: valid, no warnings. */
export function playDocument(digits: string): FlowDocument {
  const checked = validateFlow(
    testFlow(
      [
        { id: 'start', kind: 'start' },
        { id: 'say', kind: 'play', options: { prompts: [{ type: 'digits', value: digits }] } },
        { id: 'bye', kind: 'hangup' },
      ],
      ['start -> say -> bye', 'say.error -> bye'],
    ),
  );
  if (checked.document === null || !checked.ok) throw new Error('invalid test flow');
  return checked.document;
}

/** A flow document that parses but does not validate (a connection to a node that does not exist). */
export function brokenDocument(): FlowDocument {
  const checked = validateFlow(testFlow([{ id: 'start', kind: 'start' }], ['start -> nowhere']));
  if (checked.document === null) throw new Error('not a flow document');
  return checked.document;
}

/** How many rows each catalog table and the audit log hold. */
export async function catalogCounts(db: Database): Promise<Record<string, number>> {
  const { prisma } = db;
  return {
    flows: await prisma.flow.count(),
    versions: await prisma.flowVersion.count(),
    publications: await prisma.publication.count(),
    auditEvents: await prisma.auditEvent.count(),
  };
}

/** The audit entries about `target`, oldest first, with their details parsed. */
export async function auditOf(db: Database, target: string) {
  const events = await db.prisma.auditEvent.findMany({ where: { target }, orderBy: { id: 'asc' } });
  return events.map((event) => ({
    actor: event.actor,
    action: event.action,
    details: JSON.parse(event.details ?? '{}') as Record<string, unknown>,
  }));
}

/**
 * Expects `operation` to be refused with this refusal (and message, when given) and to change nothing
 * in the catalog or the audit log.
 */
export async function expectRefused(
  db: Database,
  operation: () => Promise<unknown>,
  /** The refusal expected (asymmetric matchers such as expect.any allowed). */
  refusal: { readonly code: CatalogErrorCode; readonly [detail: string]: unknown },
  message?: string,
): Promise<void> {
  const before = await catalogCounts(db);
  const error = await operation().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CatalogError);
  if (!(error instanceof CatalogError)) return;
  expect(error.refusal).toEqual(refusal);
  expect(error.code).toBe(refusal.code);
  if (message !== undefined) expect(error.message).toBe(message);
  expect(await catalogCounts(db)).toEqual(before);
}

/** Publishing a document as the CLI and the e2e harness do: the flow named `name`, replace off. */
export function documentPublish(name: string, extension: string, digits = '1'): PublishRequest {
  return {
    extension,
    flow: { name },
    source: { kind: 'document', document: playDocument(digits) },
    note: '',
    replace: false,
  };
}
