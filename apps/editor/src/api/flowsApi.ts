import {
  flowDetail,
  flowListResponse,
  flowSummary,
  importFlowResponse,
  type PublishBodyInput,
  publicationListResponse,
  publishResponse,
  rollbackResponse,
  saveDraftResponse,
  unpublishResponse,
  validationResult,
  versionDetail,
  versionListResponse,
  versionSummary,
} from '@callflow/contract';
import { z } from 'zod';
import { apiRequest } from './apiRequest.ts';
import { queryString } from './queryString.ts';

const path = (flowId: string) => `/flows/${encodeURIComponent(flowId)}`;

/** Flows, their drafts, versions and publications, as the API offers them. */
export const flowsApi = {
  list: (query: { search?: string; cursor?: string }, signal?: AbortSignal) =>
    apiRequest(
      `/flows${queryString({ search: query.search?.trim(), cursor: query.cursor })}`,
      flowListResponse,
      { signal },
    ),
  get: (flowId: string, signal?: AbortSignal) => apiRequest(path(flowId), flowDetail, { signal }),
  create: (name: string) => apiRequest('/flows', flowDetail, { method: 'POST', body: { name } }),
  rename: (flowId: string, name: string) =>
    apiRequest(path(flowId), flowSummary, { method: 'PATCH', body: { name } }),
  duplicate: (flowId: string) =>
    apiRequest(`${path(flowId)}/duplicate`, flowDetail, { method: 'POST', body: {} }),
  remove: (flowId: string) => apiRequest(path(flowId), z.null(), { method: 'DELETE' }),
  importFile: (file: unknown, name?: string) =>
    apiRequest(`/flows/import${queryString({ name })}`, importFlowResponse, { method: 'POST', body: file }),
  /** The address that downloads a flow file (the draft, or one version). */
  exportUrl: (flowId: string, version?: number) => `/api${path(flowId)}/export${queryString({ version })}`,
  saveDraft: (flowId: string, revision: number, document: unknown) =>
    apiRequest(`${path(flowId)}/draft`, saveDraftResponse, { method: 'PUT', body: { revision, document } }),
  validate: (document: unknown) =>
    apiRequest('/flows/validate', validationResult, { method: 'POST', body: document }),
  versions: (flowId: string, signal?: AbortSignal) =>
    apiRequest(`${path(flowId)}/versions`, versionListResponse, { signal }),
  version: (flowId: string, number: number, signal?: AbortSignal) =>
    apiRequest(`${path(flowId)}/versions/${number}`, versionDetail, { signal }),
  createVersion: (flowId: string, note: string, revision: number) =>
    apiRequest(`${path(flowId)}/versions`, versionSummary, { method: 'POST', body: { note, revision } }),
  publications: (signal?: AbortSignal) => apiRequest('/publications', publicationListResponse, { signal }),
  publish: (extension: string, body: PublishBodyInput) =>
    apiRequest(`/publications/${encodeURIComponent(extension)}`, publishResponse, { method: 'PUT', body }),
  unpublish: (extension: string) =>
    apiRequest(`/publications/${encodeURIComponent(extension)}`, unpublishResponse, { method: 'DELETE' }),
  rollback: (extension: string, version: number) =>
    apiRequest(`/publications/${encodeURIComponent(extension)}/rollback`, rollbackResponse, {
      method: 'POST',
      body: { version },
    }),
};
