import { z } from 'zod';
import { errorBody } from '../errorContract.ts';
import {
  createFlowBody,
  duplicateFlowBody,
  flowDetail,
  flowFile,
  flowListResponse,
  flowSummary,
  importFlowResponse,
  renameFlowBody,
  saveDraftBody,
  saveDraftResponse,
  staleRevisionBody,
  validationResult,
} from '../flowContract.ts';
import { importFlowQuery, nameTakenBody } from '../flowImportContract.ts';
import { createVersionBody, versionDetail, versionListResponse, versionSummary } from '../versionContract.ts';
import { defineEndpoint } from './Endpoint.ts';
import { flowIdParams, versionNumberParam } from './flowParams.ts';

const tag = 'flows';

/**
 * Flows (drafts with optimistic concurrency), their validation, their immutable versions and flow
 * files (export/import).
 */
export const flowEndpoints = {
  listFlows: defineEndpoint({
    method: 'get',
    path: '/flows',
    summary: 'Flows by name (then id), optionally only those whose name contains `search` (any case); paged',
    tag,
    access: 'viewer',
    query: z.object({
      search: z.string().trim().max(120).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      /** `nextCursor` of the previous page. */
      cursor: z.string().max(2000).optional(),
    }),
    responses: { 200: flowListResponse },
    success: 200,
  }),
  createFlow: defineEndpoint({
    method: 'post',
    path: '/flows',
    summary: 'Create a flow; without a document it starts with a single Start node',
    tag,
    access: 'editor',
    body: createFlowBody,
    bodyLimit: 'flowDocument',
    responses: { 201: flowDetail },
    success: 201,
  }),
  getFlow: defineEndpoint({
    method: 'get',
    path: '/flows/:flowId',
    summary: 'A flow: its draft document and revision, its versions count and where it is live',
    tag,
    access: 'viewer',
    params: flowIdParams,
    responses: { 200: flowDetail, 404: errorBody },
    success: 200,
  }),
  renameFlow: defineEndpoint({
    method: 'patch',
    path: '/flows/:flowId',
    summary: 'Rename a flow (the draft and its revision are untouched)',
    tag,
    access: 'editor',
    params: flowIdParams,
    body: renameFlowBody,
    responses: { 200: flowSummary, 404: errorBody },
    success: 200,
  }),
  duplicateFlow: defineEndpoint({
    method: 'post',
    path: '/flows/:flowId/duplicate',
    summary: 'Copy a flow’s draft into a new flow (no versions, not published); default name "<name> (copy)"',
    tag,
    access: 'editor',
    params: flowIdParams,
    body: duplicateFlowBody,
    responses: { 201: flowDetail, 404: errorBody },
    success: 201,
  }),
  deleteFlow: defineEndpoint({
    method: 'delete',
    path: '/flows/:flowId',
    summary: 'Delete a flow and its versions; refused (409) while an extension runs one of its versions',
    tag,
    access: 'editor',
    params: flowIdParams,
    responses: { 204: null, 404: errorBody, 409: errorBody },
    success: 204,
  }),
  saveDraft: defineEndpoint({
    method: 'put',
    path: '/flows/:flowId/draft',
    summary:
      'Save the draft. `revision` must be the current one (409 stale_revision otherwise). The draft may have validation errors, fields out of range included (stored as sent, `ok: false` with the problems; making a version of it is refused with 422 invalid_flow until they are fixed), but must have the shape of a flow draft: known node kinds, node ids, at most 5000 nodes and 20000 connections, node settings nested at most 10 levels (400 otherwise)',
    tag,
    access: 'editor',
    params: flowIdParams,
    body: saveDraftBody,
    bodyLimit: 'flowDocument',
    responses: { 200: saveDraftResponse, 404: errorBody, 409: staleRevisionBody },
    success: 200,
  }),
  validateDraft: defineEndpoint({
    method: 'post',
    path: '/flows/:flowId/validate',
    summary: 'Validate the stored draft: every error and warning, with node ids and document paths',
    tag,
    access: 'editor',
    params: flowIdParams,
    responses: { 200: validationResult, 404: errorBody },
    success: 200,
  }),
  validateDocument: defineEndpoint({
    method: 'post',
    path: '/flows/validate',
    summary: 'Validate any flow document (the body); nothing is stored',
    tag,
    access: 'editor',
    body: z.unknown().describe('a flow document'),
    bodyLimit: 'flowDocument',
    responses: { 200: validationResult },
    success: 200,
  }),
  createVersion: defineEndpoint({
    method: 'post',
    path: '/flows/:flowId/versions',
    summary:
      'Snapshot the draft as the next immutable version (author: you), pinning the audio it plays (library prompts, static text-to-speech). 422 invalid_flow with the problems when the draft has errors (a library prompt that no longer exists included); with `revision`, 409 stale_revision when the draft changed since; 502 speech_failed when a static text cannot be spoken',
    tag: 'versions',
    access: 'editor',
    params: flowIdParams,
    body: createVersionBody,
    responses: { 201: versionSummary, 404: errorBody, 409: errorBody, 422: errorBody, 502: errorBody },
    success: 201,
  }),
  listVersions: defineEndpoint({
    method: 'get',
    path: '/flows/:flowId/versions',
    summary: 'A flow’s versions, newest first, with the extensions each is live on',
    tag: 'versions',
    access: 'viewer',
    params: flowIdParams,
    responses: { 200: versionListResponse, 404: errorBody },
    success: 200,
  }),
  getVersion: defineEndpoint({
    method: 'get',
    path: '/flows/:flowId/versions/:number',
    summary: 'One version with its document',
    tag: 'versions',
    access: 'viewer',
    params: flowIdParams.extend({ number: versionNumberParam }),
    responses: { 200: versionDetail, 404: errorBody },
    success: 200,
  }),
  exportFlow: defineEndpoint({
    method: 'get',
    path: '/flows/:flowId/export',
    summary:
      'Download a flow file (format callflow.flow, schemaVersion, name, document) of the draft, or of `version` N; the same bytes as `callflow export`',
    tag,
    access: 'viewer',
    params: flowIdParams,
    query: z.object({ version: versionNumberParam.optional() }),
    responses: { 200: flowFile, 404: errorBody },
    success: 200,
  }),
  importFlow: defineEndpoint({
    method: 'post',
    path: '/flows/import',
    summary:
      'Create a flow from a flow file (the body: an export, or a bare flow document with ?name=). Older schemaVersions are migrated. Everything is checked first: 400 lists every problem with its path in the file, and nothing is created. When a flow already has the name: 409 name_taken with suggestedName ("Name (2)"), or with ?onNameTaken=rename the flow is imported under that name',
    tag,
    access: 'editor',
    query: importFlowQuery,
    body: z
      .unknown()
      .describe(
        'a flow file: { "format": "callflow.flow", "schemaVersion": 1, "name": "...", "document": { flow document } } as exported, or a bare flow document (then ?name= is required)',
      ),
    bodyLimit: 'flowDocument',
    responses: { 201: importFlowResponse, 409: nameTakenBody },
    success: 201,
  }),
};
