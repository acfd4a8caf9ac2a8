// How the e2e tests and the benchmarks publish and unpublish: the one place that calls the catalog,
// so that moving to another catalog is a change of this file only.

import type { Database } from '@callflow/db';
import { validateFlow } from '@callflow/flow';
import { publishFlow, unpublishExtension } from '@callflow/runtime/catalog';

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
    const published = await publishFlow(db, {
      name: publication.name,
      document: result.document,
      extension: publication.extension,
      note: publication.note,
      author: publication.author,
      replace: true,
    });
    return published.versionId;
  },

  async unpublish(db: Database, extension: string): Promise<void> {
    await unpublishExtension(db, extension);
  },
};
