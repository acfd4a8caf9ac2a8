import { endpoints, endpointUrl, type PublishBodyInput } from '@callflow/contract';
import { callEndpoint } from './callEndpoint.ts';

/** Flows, their drafts, versions and publications: the endpoints of the API's table the editor uses. */
export const flowsApi = {
  list: (query: { search?: string; cursor?: string }, signal?: AbortSignal) =>
    callEndpoint(
      endpoints.listFlows,
      { query: { search: query.search?.trim(), cursor: query.cursor } },
      { signal },
    ),
  get: (flowId: string, signal?: AbortSignal) =>
    callEndpoint(endpoints.getFlow, { params: { flowId } }, { signal }),
  create: (name: string) => callEndpoint(endpoints.createFlow, { body: { name } }),
  rename: (flowId: string, name: string) =>
    callEndpoint(endpoints.renameFlow, { params: { flowId }, body: { name } }),
  duplicate: (flowId: string) => callEndpoint(endpoints.duplicateFlow, { params: { flowId }, body: {} }),
  remove: (flowId: string) => callEndpoint(endpoints.deleteFlow, { params: { flowId } }),
  importFile: (file: unknown, name?: string) =>
    callEndpoint(endpoints.importFlow, { query: { name }, body: file }),
  /** The address that downloads a flow file (the draft, or one version). */
  exportUrl: (flowId: string, version?: number) =>
    endpointUrl(endpoints.exportFlow, { params: { flowId }, query: { version } }),
  saveDraft: (flowId: string, revision: number, document: unknown) =>
    callEndpoint(endpoints.saveDraft, { params: { flowId }, body: { revision, document } }),
  versions: (flowId: string, signal?: AbortSignal) =>
    callEndpoint(endpoints.listVersions, { params: { flowId } }, { signal }),
  version: (flowId: string, number: number, signal?: AbortSignal) =>
    callEndpoint(endpoints.getVersion, { params: { flowId, number } }, { signal }),
  publications: (signal?: AbortSignal) => callEndpoint(endpoints.listPublications, {}, { signal }),
  publish: (extension: string, body: PublishBodyInput) =>
    callEndpoint(endpoints.publish, { params: { extension }, body }),
  unpublish: (extension: string) => callEndpoint(endpoints.unpublish, { params: { extension } }),
  rollback: (extension: string, version: number) =>
    callEndpoint(endpoints.rollback, { params: { extension }, body: { version } }),
};
