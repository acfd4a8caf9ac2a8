import {
  type FlowDocument,
  type FlowProblem,
  findSecretReferences,
  unknownSecretProblems,
} from '@callflow/flow';
import type { ApiServices } from '../../http/ApiServices.ts';
import { SecretStore } from './SecretStore.ts';

/**
 * A validation's problems plus what only the API can know: secrets a flow names that the credentials
 * store does not hold (or all of them, when no key is configured). Warnings: the flow can still be
 * saved, published and imported; those HTTP lookups take their error outcome until the secret exists.
 * `validation` is what validateFlow answered, or a document with no problems of its own.
 */
export async function withSecretWarnings(
  services: ApiServices,
  validation: { readonly document: FlowDocument | null; readonly problems: readonly FlowProblem[] },
): Promise<readonly FlowProblem[]> {
  const { document, problems } = validation;
  if (document === null) return problems;
  const store = SecretStore.of(services);
  if (store.configured) return [...problems, ...unknownSecretProblems(document, await store.names())];
  const unavailable = findSecretReferences(document)
    .filter((reference) => reference.allowed && reference.name !== null)
    .map(
      (reference): FlowProblem => ({
        severity: 'warning',
        code: 'secrets-unavailable',
        message: `{{${reference.reference}}} cannot be filled in: the credentials store is not configured (CALLFLOW_SECRETS_KEY), so this lookup takes its error outcome`,
        nodeId: reference.nodeId,
        edgeId: null,
        path: reference.path,
      }),
    );
  return [...problems, ...unavailable];
}
