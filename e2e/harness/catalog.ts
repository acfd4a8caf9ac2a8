// How the e2e tests and the benchmarks publish and unpublish: the one place that calls the catalog,
// so that moving to another catalog is a change of this file only.

import { publish, unpublish } from '@callflow/catalog';
import type { Database } from '@callflow/db';
import { validateFlow } from '@callflow/flow';

export interface TestPublication {
  extension: string;
  /** A flow document, validated here (a test flow that is invalid is the test's mistake). */
  document: unknown;
  name: string;
  note: string;
  author: string | null;
}

export const catalog = {
  /** Publishes a new version of the flow `name` on `extension` (replacing what it had); its version id. */
  async publish(db: Database, publication: TestPublication): Promise<string> {
    const result = validateFlow(publication.document);
    if (!result.ok || result.document === null)
      throw new Error(`test flow is invalid: ${result.problems.map((p) => p.message).join('; ')}`);
    const published = await publish(
      db,
      {
        extension: publication.extension,
        flow: { name: publication.name },
        source: { kind: 'document', document: result.document },
        note: publication.note,
        replace: true,
      },
      publication.author ?? 'e2e',
    );
    return published.publication.versionId;
  },

  async unpublish(db: Database, extension: string): Promise<void> {
    await unpublish(db, extension, 'e2e');
  },
};
