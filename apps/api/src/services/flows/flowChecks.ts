import * as catalog from '@callflow/catalog';
import type {
  PublishBody,
  PublishResponse,
  SaveDraftBody,
  SaveDraftResponse,
  ValidationResult,
} from '@callflow/contract';
import { type FlowValidationContext, validateFlow } from '@callflow/flow';
import type { ApiServices, AuthenticatedUser } from '../../http/ApiServices.ts';
import { staticSpeechOptions } from '../prompts/staticSpeechOptions.ts';
import { withSecretWarnings } from '../secrets/withSecretWarnings.ts';
import { parseDraft } from './parseDraft.ts';

/**
 * The catalog operations the API adds its own checks to: what only the API knows (which secrets the
 * credentials store holds) comes back as warnings beside the catalog's answer.
 */

/** What validation checks a flow against besides itself: the prompt library as it is now. */
async function validationContext(services: ApiServices): Promise<FlowValidationContext> {
  return { prompts: await catalog.promptLibrary(services.db.prisma) };
}

/**
 * Every problem of a flow document (any JSON), with the library prompts it names that are gone or lack
 * a language it uses, and the secrets the store does not hold.
 */
export async function validateDocument(services: ApiServices, input: unknown): Promise<ValidationResult> {
  const validation = validateFlow(input, await validationContext(services));
  return { ok: validation.ok, problems: [...(await withSecretWarnings(services, validation))] };
}

/** Every problem of a flow's stored draft, as validateDocument finds them. */
export async function validateDraft(services: ApiServices, flowId: string): Promise<ValidationResult> {
  return validateDocument(services, await catalog.readDraft(services.db, flowId));
}

/**
 * Saves a draft (which may have validation errors, even fields out of range, but must have the shape
 * of a flow draft: parseDraft) and what validation found, the library prompts it names included.
 */
export async function saveDraft(
  services: ApiServices,
  flowId: string,
  body: SaveDraftBody,
): Promise<SaveDraftResponse> {
  const { draft, validation } = parseDraft(body.document, 'body.document', await validationContext(services));
  const saved = await catalog.saveDraft(services.db, flowId, { revision: body.revision, document: draft });
  return {
    revision: saved.revision,
    updatedAt: saved.updatedAt.toISOString(),
    ok: validation.ok,
    problems: [...validation.problems],
  };
}

/**
 * Publishes a version (or the draft as a new one) on an extension. Published all the same, with
 * warnings for the secrets the version names that the store does not hold.
 */
export async function publishFlow(
  services: ApiServices,
  extension: string,
  body: PublishBody,
  actor: AuthenticatedUser,
  signal: AbortSignal,
): Promise<PublishResponse> {
  const result = await catalog.publish(
    services.db,
    {
      extension,
      flow: { id: body.flowId },
      source:
        body.version === undefined
          ? { kind: 'draft', revision: body.revision }
          : { kind: 'version', number: body.version },
      note: body.note,
      replace: body.replace,
    },
    actor.username,
    staticSpeechOptions(services, signal),
  );
  return {
    ...result.publication,
    createdVersion: result.createdVersion,
    previous: result.previous,
    warnings:
      result.document === null
        ? []
        : [...(await withSecretWarnings(services, { document: result.document, problems: [] }))],
  };
}
