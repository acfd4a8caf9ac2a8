import { z } from 'zod';
import { flowProblem, revisionNumber } from './flowContract.ts';
import { note, versionNumber } from './versionContract.ts';

/** Which flow version an extension runs. */
export const publicationView = z.object({
  extension: z.string(),
  flowId: z.string(),
  flowName: z.string(),
  version: z.number().int(),
  versionId: z.string(),
  publishedAt: z.string(),
});
export type PublicationView = z.output<typeof publicationView>;

/** What held an extension before it was (re)published. */
export const heldView = z.object({ flowId: z.string(), flowName: z.string(), version: z.number().int() });
export type HeldView = z.output<typeof heldView>;

/**
 * Whether the runtime reports serving the published version: `unknown` when no runtime reported in
 * the last 10 s.
 */
export const appliedState = z.union([z.boolean(), z.literal('unknown')]);
export type AppliedState = z.output<typeof appliedState>;

export const publicationListItem = publicationView.extend({ applied: appliedState });
export type PublicationListItem = z.output<typeof publicationListItem>;

/** GET /publications: every live extension, by extension. */
export const publicationListResponse = z.object({ publications: z.array(publicationListItem) });
export type PublicationListResponse = z.output<typeof publicationListResponse>;

/** PUT /publications/:extension */
export const publishBody = z
  .object({
    flowId: z.string().min(1).max(64),
    /** Omitted: snapshot the draft as the next version and publish that. */
    version: versionNumber.optional(),
    /** Note of the version created from the draft (and recorded in the audit log). */
    note,
    /** Take the extension over from another flow. */
    replace: z.boolean().default(false),
    /** With no `version`: the draft revision you are publishing; 409 stale_revision when it changed. */
    revision: revisionNumber.optional(),
  })
  .strict();
export type PublishBody = z.output<typeof publishBody>;
/** What a client sends (`note` and `replace` may be left out). */
export type PublishBodyInput = z.input<typeof publishBody>;

/**
 * `createdVersion`: the draft was snapshotted; `previous`: what the extension ran before (or null);
 * `warnings`: what the published version will miss when it runs (secrets the credentials store does
 * not hold: those HTTP lookups take their error outcome). Published all the same.
 */
export const publishResponse = publicationView.extend({
  createdVersion: z.boolean(),
  previous: heldView.nullable(),
  warnings: z.array(flowProblem),
});
export type PublishResponse = z.output<typeof publishResponse>;

/** DELETE /publications/:extension answers with the publication it removed. */
export const unpublishResponse = publicationView;
export type UnpublishResponse = z.output<typeof unpublishResponse>;

/** POST /publications/:extension/rollback: `version` must be older than the live one. */
export const rollbackBody = z.object({ version: versionNumber }).strict();
export type RollbackBody = z.output<typeof rollbackBody>;

export const rollbackResponse = publicationView.extend({ previousVersion: z.number().int() });
export type RollbackResponse = z.output<typeof rollbackResponse>;
