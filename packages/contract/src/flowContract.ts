import {
  currentSchemaVersion,
  type FlowProblem,
  flowEdge,
  flowProblem,
  nestsDeeperThan,
  nodeId,
  nodeKindNames,
} from '@callflow/flow';
import { z } from 'zod';
import { errorBody } from './errorContract.ts';

/** Flow names: the same rule as the name in a flow file. */
export const flowName = z.string().trim().min(1, 'give the flow a name').max(120);

/** Version numbers and revisions are stored as 32-bit integers. */
export const INT32_MAX = 2_147_483_647;
/** In a JSON body: a number, nothing else. */
export const revisionNumber = z.number().int().min(0).max(INT32_MAX);

const isoDate = z.string().describe('ISO 8601 date and time');

export const livePublication = z.object({
  extension: z.string(),
  version: z.number().int(),
  versionId: z.string(),
  publishedAt: isoDate,
});
export type LivePublication = z.output<typeof livePublication>;

export const flowSummary = z.object({
  id: z.string(),
  name: z.string(),
  /** Incremented by every draft save; PUT /draft must name the current one. */
  revision: z.number().int(),
  createdAt: isoDate,
  updatedAt: isoDate,
  versionCount: z.number().int(),
  latestVersion: z.number().int().nullable(),
  /** The extensions where a version of this flow is live. */
  publications: z.array(livePublication),
});
export type FlowSummary = z.output<typeof flowSummary>;

/**
 * The deepest a node's options may nest in a draft. The deepest option of any kind today (a menu's
 * choices › choice › prompts › prompt › field) is 5 levels; a draft deeper than this is not a half
 * filled-in form but something else, and is refused rather than stored.
 */
export const maxDraftOptionsDepth = 10;

/** The longest label a draft keeps (validation asks for at most 80). */
export const maxDraftLabelLength = 1000;

// The fields in a flow document's order (id, label, position, kind, options): a stored draft read
// with this schema comes out with its keys as they were written, so its export keeps the same bytes.
const draftNode = z
  .object({
    id: nodeId,
    /** A flow document's labels stop at 80 characters; a draft keeps one typed past that, to be shortened. */
    label: z.string().max(maxDraftLabelLength).default(''),
    position: z.object({ x: z.number().finite(), y: z.number().finite() }).strict().default({ x: 0, y: 0 }),
    kind: z.enum(nodeKindNames, {
      error: (issue) =>
        `node kind "${String(issue.input)}" does not exist; use one of: ${nodeKindNames.join(', ')}`,
    }),
    options: z
      .record(z.string().max(64), z.unknown())
      .default({})
      .refine((options) => !nestsDeeperThan(options, maxDraftOptionsDepth), {
        message: `the settings of a node never nest more than ${maxDraftOptionsDepth} levels deep; these do, so they cannot be kept`,
      }),
  })
  .strict();

/**
 * A flow's draft as it is stored and read back: the shape of a flow document (node kinds known, ids,
 * labels, positions, connections, the same counts) whose node options may be half filled in or out
 * of range (a required field just cleared, a timeout of 9999). Validation says what is wrong; a draft
 * with such problems is kept as it is, so another browser reloads exactly it, and is never published.
 */
export const flowDraft = z
  .object({
    schemaVersion: z.literal(currentSchemaVersion),
    nodes: z.array(draftNode).max(5000, 'a flow has at most 5000 nodes'),
    edges: z.array(flowEdge).max(20_000, 'a flow has at most 20000 connections'),
  })
  .strict();
export type FlowDraft = z.output<typeof flowDraft>;

/** A flow with its draft, which may not be a valid flow document yet (see flowDraft). */
export const flowDetail = flowSummary.extend({ document: flowDraft });
export type FlowDetail = z.output<typeof flowDetail>;

/** GET /flows: one page; `nextCursor` goes into the next request's `cursor` (null on the last page). */
export const flowListResponse = z.object({ flows: z.array(flowSummary), nextCursor: z.string().nullable() });
export type FlowListResponse = z.output<typeof flowListResponse>;

/** POST /flows: without a document the flow starts with a single Start node. */
export const createFlowBody = z.object({ name: flowName, document: z.unknown().optional() }).strict();
export type CreateFlowBody = z.output<typeof createFlowBody>;

/** PATCH /flows/:flowId */
export const renameFlowBody = z.object({ name: flowName }).strict();
export type RenameFlowBody = z.output<typeof renameFlowBody>;

/** POST /flows/:flowId/duplicate: without a name, "<name> (copy)". */
export const duplicateFlowBody = z.object({ name: flowName.optional() }).strict();
export type DuplicateFlowBody = z.output<typeof duplicateFlowBody>;

/** One problem: the flow package's `flowProblem`, the one shape of every `problems` list. */
export { type FlowProblem, flowProblem };

export const validationResult = z.object({ ok: z.boolean(), problems: z.array(flowProblem) });
export type ValidationResult = z.output<typeof validationResult>;

/** PUT /flows/:flowId/draft: `revision` is the one the draft was loaded at. */
export const saveDraftBody = z.object({ revision: revisionNumber, document: z.unknown() }).strict();
export type SaveDraftBody = z.output<typeof saveDraftBody>;

/**
 * The draft's new revision and what validation found in it. A draft may have errors, even a field
 * out of range (it is stored as it is, `ok: false`); making a version of it is refused until fixed.
 */
export const saveDraftResponse = z.object({
  revision: z.number().int(),
  updatedAt: z.string(),
  ok: z.boolean(),
  problems: z.array(flowProblem),
});
export type SaveDraftResponse = z.output<typeof saveDraftResponse>;

/** 409 stale_revision: someone saved the draft since it was loaded. */
export const staleRevisionBody = errorBody.extend({ currentRevision: z.number().int() });
export type StaleRevisionBody = z.output<typeof staleRevisionBody>;

/**
 * GET /flows/:flowId/export: a flow file, the same bytes as `callflow export`. A version's document is
 * a valid flow document; the draft is written as it is stored, so it may have problems to fix.
 */
export const flowFile = z.object({
  format: z.literal('callflow.flow'),
  schemaVersion: z.number().int(),
  name: z.string(),
  document: flowDraft,
});
export type FlowFile = z.output<typeof flowFile>;

/**
 * POST /flows/import. A file whose flow has problems to fix (an export of a draft with a field out of
 * range) is imported as it is, as a draft save keeps one: `ok` false, the problems listed.
 */
export const importFlowResponse = z.object({
  flow: flowDetail,
  /** False when the imported draft has errors to fix before it can be published. */
  ok: z.boolean(),
  /** Every problem of the imported draft, errors and warnings, with paths into the file. */
  problems: z.array(flowProblem),
  /** The warnings among them. */
  warnings: z.array(flowProblem),
  /** The format the file was written in (lower than the current one: it was migrated). */
  schemaVersion: z.number().int(),
});
export type ImportFlowResponse = z.output<typeof importFlowResponse>;
