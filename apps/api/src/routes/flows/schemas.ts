import { flowDocument } from '@callflow/flow';
import { z } from 'zod';

/** Flow names: the same rule as the name in a flow file. */
export const flowName = z.string().trim().min(1, 'give the flow a name').max(120);

export const flowIdParams = z.object({ flowId: z.string().min(1).max(64) }).strict();

/** Version numbers and revisions are stored as 32-bit integers. */
const INT32_MAX = 2_147_483_647;
/** In a JSON body: a number, nothing else. */
export const versionNumber = z.number().int().min(1, 'versions are numbered from 1').max(INT32_MAX);
export const revisionNumber = z.number().int().min(0).max(INT32_MAX);
/** In a path or query string, where everything is text. */
export const versionNumberParam = z.coerce
  .number()
  .int()
  .min(1, 'versions are numbered from 1')
  .max(INT32_MAX);

export const note = z.string().max(500).default('');

const isoDate = z.string().describe('ISO 8601 date and time');

export const livePublication = z.object({
  extension: z.string(),
  version: z.number().int(),
  versionId: z.string(),
  publishedAt: isoDate,
});

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

export const flowDetail = flowSummary.extend({ document: flowDocument });

export const flowProblem = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  nodeId: z.string().nullable(),
  edgeId: z.string().nullable(),
  path: z.string(),
});

export const validationResult = z.object({ ok: z.boolean(), problems: z.array(flowProblem) });

export const versionSummary = z.object({
  id: z.string(),
  number: z.number().int(),
  note: z.string(),
  author: z.string().nullable(),
  schemaVersion: z.number().int(),
  createdAt: isoDate,
  /** Extensions where this version is live. */
  liveOn: z.array(z.string()),
});

export const versionDetail = versionSummary.extend({ document: flowDocument });

export const errorBody = z.object({ error: z.string(), message: z.string() }).loose();
