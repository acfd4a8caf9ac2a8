import type { FlowDetail } from '@callflow/contract';
import type { Database } from '@callflow/db';
import type { FlowDocument, FlowProblem } from '@callflow/flow';
import { CatalogError } from './CatalogError.ts';
import { catalogTransaction } from './catalogTransaction.ts';
import { flowDetailOf } from './flowViews.ts';
import { readImportFile } from './readImportFile.ts';
import { type CatalogActor, recordAudit } from './recordAudit.ts';

export interface ImportedFlow {
  readonly flow: FlowDetail;
  /** The imported draft, for checks only the caller can make (e.g. secrets its store lacks). */
  readonly document: FlowDocument;
  /** Validation warnings, with paths into the file. */
  readonly warnings: readonly FlowProblem[];
  /** Where the document is in the file (`document`, or `` for a bare one): the prefix of its paths. */
  readonly documentPath: string;
  /** The format the file was written in; older ones were migrated. */
  readonly schemaVersion: number;
}

/**
 * Creates a flow from a flow file (an export, or a bare document named by `name`), audited as
 * `import`. Everything is checked first (readImportFile): invalid_file lists every problem with its
 * path in the file, and nothing is created.
 */
export async function importFlow(
  db: Database,
  upload: { readonly file: unknown; readonly name?: string | undefined },
  actor: CatalogActor,
): Promise<ImportedFlow> {
  const file = readImportFile(upload.file, upload.name);
  if (!file.ok)
    throw new CatalogError('the flow file was not imported; nothing was created', {
      code: 'invalid_file',
      problems: file.problems,
    });
  const flow = await catalogTransaction(db, async (tx) => {
    const created = await tx.flow.create({
      data: { name: file.name, document: JSON.stringify(file.document) },
    });
    await recordAudit(tx, {
      actor,
      action: 'import',
      target: created.id,
      details: { name: created.name, schemaVersion: file.schemaVersion },
    });
    return created;
  });
  return {
    flow: await flowDetailOf(db.prisma, flow),
    document: file.document,
    warnings: file.warnings,
    documentPath: file.documentPath,
    schemaVersion: file.schemaVersion,
  };
}
