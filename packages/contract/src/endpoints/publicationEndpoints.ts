import { extension } from '@callflow/flow';
import { z } from 'zod';
import { errorBody } from '../errorContract.ts';
import {
  publicationListResponse,
  publishBody,
  publishResponse,
  rollbackBody,
  rollbackResponse,
  unpublishResponse,
} from '../publicationContract.ts';
import { defineEndpoint } from './Endpoint.ts';

const tag = 'publications';
const extensionParams = z.object({ extension }).strict();

/** Which flow version each extension runs: publish, unpublish, roll back. */
export const publicationEndpoints = {
  listPublications: defineEndpoint({
    method: 'get',
    path: '/publications',
    summary:
      'Every live extension with its flow and version, and `applied`: whether the runtime reports serving that version (`unknown` when no runtime reported in the last 10 s)',
    tag,
    access: 'viewer',
    responses: { 200: publicationListResponse },
    success: 200,
  }),
  publish: defineEndpoint({
    method: 'put',
    path: '/publications/:extension',
    summary:
      'Publish a flow on an extension: `version` N, or (omitted) the current draft as a new version (pinning the audio it plays). 409 extension_taken when another flow holds the extension, unless `replace`; 502 speech_failed when a new version has a static text that cannot be spoken',
    tag,
    access: 'editor',
    params: extensionParams,
    body: publishBody,
    responses: { 200: publishResponse, 404: errorBody, 409: errorBody, 422: errorBody, 502: errorBody },
    success: 200,
  }),
  unpublish: defineEndpoint({
    method: 'delete',
    path: '/publications/:extension',
    summary:
      'Take an extension offline (calls already in it finish); 404 not_published when nothing is live there',
    tag,
    access: 'editor',
    params: extensionParams,
    responses: { 200: unpublishResponse, 404: errorBody },
    success: 200,
  }),
  rollback: defineEndpoint({
    method: 'post',
    path: '/publications/:extension/rollback',
    summary:
      'Point an extension back at an older version of the flow it runs; 409 not_older unless `version` is older than the live one',
    tag,
    access: 'editor',
    params: extensionParams,
    body: rollbackBody,
    responses: { 200: rollbackResponse, 404: errorBody, 409: errorBody },
    success: 200,
  }),
};
