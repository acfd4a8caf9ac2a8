import type { Database } from '@callflow/db';
import type { FlowDocument } from '@callflow/flow';
import { publish } from '../publish.ts';

/** A test flow to publish as the CLI does: a document saved as the next version of the flow `name`. */
export interface TestPublication {
  readonly name: string;
  readonly document: FlowDocument;
  readonly extension: string;
  readonly note: string;
  /** The audit actor and version author (default `test`). */
  readonly author: string | null;
  readonly replace: boolean;
}

/**
 * Publishes a document on an extension through the catalog's publish (lock, numbering, audit), the
 * way `callflow publish <file>` does; for tests of what reads publications (the runtime).
 */
export async function publishFlow(
  db: Database,
  publication: TestPublication,
): Promise<{ flowId: string; versionId: string; versionNumber: number }> {
  const { publication: published } = await publish(
    db,
    {
      extension: publication.extension,
      flow: { name: publication.name },
      source: { kind: 'document', document: publication.document },
      note: publication.note,
      replace: publication.replace,
    },
    publication.author ?? 'test',
  );
  return { flowId: published.flowId, versionId: published.versionId, versionNumber: published.version };
}
