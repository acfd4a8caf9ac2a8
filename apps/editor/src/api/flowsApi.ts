import {
  endpointUrl,
  flowEndpoints,
  type OnNameTaken,
  type PublishBodyInput,
  publicationEndpoints,
} from '@callflow/contract';
import { callEndpoint } from './callEndpoint.ts';

/** Flows, their drafts, versions and publications: the endpoints of the API's table the editor uses. */
export const flowsApi = {
  list: (query: { search?: string; cursor?: string }, signal?: AbortSignal) =>
    callEndpoint(
      flowEndpoints.listFlows,
      { query: { search: query.search?.trim(), cursor: query.cursor } },
      { signal },
    ),
  get: (flowId: string, signal?: AbortSignal) =>
    callEndpoint(flowEndpoints.getFlow, { params: { flowId } }, { signal }),
  /** A new flow: a Start node, or `document` (e.g. a starter flow). */
  create: (name: string, document?: unknown) =>
    callEndpoint(flowEndpoints.createFlow, { body: { name, document } }),
  rename: (flowId: string, name: string) =>
    callEndpoint(flowEndpoints.renameFlow, { params: { flowId }, body: { name } }),
  duplicate: (flowId: string) => callEndpoint(flowEndpoints.duplicateFlow, { params: { flowId }, body: {} }),
  remove: (flowId: string) => callEndpoint(flowEndpoints.deleteFlow, { params: { flowId } }),
  /** Refused with 409 name_taken when a flow has the name, unless `onNameTaken` is rename. */
  importFile: (file: unknown, onNameTaken: OnNameTaken = 'refuse') =>
    callEndpoint(flowEndpoints.importFlow, { query: { onNameTaken }, body: file }),
  /** The address that downloads a flow file (the draft, or one version). */
  exportUrl: (flowId: string, version?: number) =>
    endpointUrl(flowEndpoints.exportFlow, { params: { flowId }, query: { version } }),
  saveDraft: (flowId: string, revision: number, document: unknown) =>
    callEndpoint(flowEndpoints.saveDraft, { params: { flowId }, body: { revision, document } }),
  versions: (flowId: string, signal?: AbortSignal) =>
    callEndpoint(flowEndpoints.listVersions, { params: { flowId } }, { signal }),
  version: (flowId: string, number: number, signal?: AbortSignal) =>
    callEndpoint(flowEndpoints.getVersion, { params: { flowId, number } }, { signal }),
  publications: (signal?: AbortSignal) => callEndpoint(publicationEndpoints.listPublications, {}, { signal }),
  publish: (extension: string, body: PublishBodyInput) =>
    callEndpoint(publicationEndpoints.publish, { params: { extension }, body }),
  unpublish: (extension: string) => callEndpoint(publicationEndpoints.unpublish, { params: { extension } }),
  rollback: (extension: string, version: number) =>
    callEndpoint(publicationEndpoints.rollback, { params: { extension }, body: { version } }),
};
