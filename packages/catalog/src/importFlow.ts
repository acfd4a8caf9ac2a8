import { type FlowDetail, flowNameCandidates, type OnNameTaken } from '@callflow/contract';
import type { Database, Prisma } from '@callflow/db';
import type { FlowDocument, FlowProblem } from '@callflow/flow';
import { CatalogError } from './CatalogError.ts';
import { catalogTransaction } from './catalogTransaction.ts';
import { flowDetailOf } from './flowViews.ts';
import { readImportFile } from './readImportFile.ts';
import { type CatalogActor, recordAudit } from './recordAudit.ts';

export interface ImportedFlow {
  readonly flow: FlowDetail;
  /**
   * The imported draft as a flow document, for checks only the caller can make (e.g. secrets its
   * store lacks); null when its fields have errors.
   */
  readonly document: FlowDocument | null;
  /** False when the draft has errors to fix before it can be published (listed in `problems`). */
  readonly ok: boolean;
  /** Every validation problem of the draft, errors and warnings, with paths into the file. */
  readonly problems: readonly FlowProblem[];
  /** The warnings among them. */
  readonly warnings: readonly FlowProblem[];
  /** Where the document is in the file (`document`, or `` for a bare one): the prefix of its paths. */
  readonly documentPath: string;
  /** The format the file was written in; older ones were migrated. */
  readonly schemaVersion: number;
}

/** How many "Name (N)" candidates one query checks. */
const candidatesPerQuery = 50;

/**
 * The first "Name (N)" no flow has: each candidate is looked up by its exact name (a long name's are
 * shortened to fit the number, so they do not all start with the name), a batch per query.
 */
async function firstFreeCopyName(tx: Prisma.TransactionClient, name: string): Promise<string> {
  const candidates = flowNameCandidates(name);
  for (;;) {
    const batch = Array.from({ length: candidatesPerQuery }, () => candidates.next().value);
    const taken = await tx.flow.findMany({
      where: { name: { in: batch } },
      select: { name: true },
      take: batch.length,
    });
    const takenNames = new Set(taken.map((flow) => flow.name));
    const free = batch.find((candidate) => !takenNames.has(candidate));
    if (free !== undefined) return free;
  }
}

/**
 * The name the imported flow gets: `name` when no flow has it; else, as `onNameTaken` says, the first
 * free "Name (2)", or name_taken with that suggestion. Inside the import's transaction, so the answer
 * holds until the flow is created.
 */
async function freeName(
  tx: Prisma.TransactionClient,
  name: string,
  onNameTaken: OnNameTaken,
): Promise<string> {
  if ((await tx.flow.findFirst({ where: { name }, select: { id: true } })) === null) return name;
  const suggestedName = await firstFreeCopyName(tx, name);
  if (onNameTaken === 'rename') return suggestedName;
  throw new CatalogError(
    `a flow named "${name}" already exists; import it as "${suggestedName}" or rename it`,
    {
      code: 'name_taken',
      name,
      suggestedName,
    },
  );
}

/**
 * Creates a flow from a flow file (an export, or a bare document named by `name`), audited as
 * `import`. Everything is checked first (readImportFile): a file that is not a flow file, or whose
 * document is not even a flow draft, is invalid_file, listing every problem with its path in the file,
 * and nothing is created. A draft with validation errors is imported as it is, as creating a flow or
 * saving a draft keeps one (`ok` false, the errors in `problems`), to be fixed before publishing. A name another flow has is refused (name_taken, with a
 * free name to suggest) unless `onNameTaken` is `rename`, which imports under that free name.
 */
export async function importFlow(
  db: Database,
  upload: {
    readonly file: unknown;
    readonly name?: string | undefined;
    readonly onNameTaken?: OnNameTaken | undefined;
  },
  actor: CatalogActor,
): Promise<ImportedFlow> {
  const file = readImportFile(upload.file, upload.name);
  if (!file.ok)
    throw new CatalogError('the flow file was not imported; nothing was created', {
      code: 'invalid_file',
      problems: file.problems,
    });
  const flow = await catalogTransaction(db, async (tx) => {
    const name = await freeName(tx, file.name, upload.onNameTaken ?? 'refuse');
    const created = await tx.flow.create({ data: { name, document: JSON.stringify(file.draft) } });
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
    ok: !file.problems.some((problem) => problem.severity === 'error'),
    problems: file.problems,
    warnings: file.problems.filter((problem) => problem.severity === 'warning'),
    documentPath: file.documentPath,
    schemaVersion: file.schemaVersion,
  };
}
