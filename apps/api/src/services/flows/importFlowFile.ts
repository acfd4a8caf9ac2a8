import * as catalog from '@callflow/catalog';
import type { ImportFlowResponse, OnNameTaken } from '@callflow/contract';
import type { ApiServices, AuthenticatedUser } from '../../http/ApiServices.ts';
import { withSecretWarnings } from '../secrets/withSecretWarnings.ts';

/**
 * Imports a flow file under its name (or `name`), refused as name_taken when a flow has it unless
 * `onNameTaken` says rename; a draft with errors is imported with them (`ok` false), as a draft save
 * keeps one; the secrets it names that the store does not hold are warnings, as validation gives.
 */
export async function importFlowFile(
  services: ApiServices,
  file: unknown,
  options: { readonly name?: string | undefined; readonly onNameTaken: OnNameTaken },
  actor: AuthenticatedUser,
): Promise<ImportFlowResponse> {
  const imported = await catalog.importFlow(services.db, { file, ...options }, actor.username);
  const secretWarnings = (
    await withSecretWarnings(services, { document: imported.document, problems: [] })
  ).map((problem) => ({ ...problem, path: catalog.joinPath(imported.documentPath, problem.path) }));
  return {
    flow: imported.flow,
    ok: imported.ok,
    problems: [...imported.problems, ...secretWarnings],
    warnings: [...imported.warnings, ...secretWarnings],
    schemaVersion: imported.schemaVersion,
  };
}
