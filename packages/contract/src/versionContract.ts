import { flowDocument } from '@callflow/flow';
import { z } from 'zod';
import { INT32_MAX, revisionNumber } from './flowContract.ts';

/** In a JSON body: a number, nothing else. */
export const versionNumber = z.number().int().min(1, 'versions are numbered from 1').max(INT32_MAX);

/** What a version is for; kept with it and in the audit log. */
export const note = z.string().max(500).default('');

export const versionSummary = z.object({
  id: z.string(),
  number: z.number().int(),
  note: z.string(),
  author: z.string().nullable(),
  schemaVersion: z.number().int(),
  createdAt: z.string().describe('ISO 8601 date and time'),
  /** Extensions where this version is live. */
  liveOn: z.array(z.string()),
});
export type VersionSummary = z.output<typeof versionSummary>;

export const versionDetail = versionSummary.extend({ document: flowDocument });
export type VersionDetail = z.output<typeof versionDetail>;

/** GET /flows/:flowId/versions: newest first. */
export const versionListResponse = z.object({ versions: z.array(versionSummary) });
export type VersionListResponse = z.output<typeof versionListResponse>;

/** POST /flows/:flowId/versions: with `revision`, refused (409) when the draft changed since. */
export const createVersionBody = z.object({ note, revision: revisionNumber.optional() }).strict();
export type CreateVersionBody = z.output<typeof createVersionBody>;
/** What a client sends (`note` may be left out). */
export type CreateVersionBodyInput = z.input<typeof createVersionBody>;
