import { z } from 'zod';
import { errorBody, invalidRequestBody } from '../errorContract.ts';
import {
  callRecordingListResponseSchema,
  isSafeRecordingName,
  recordingListFailureSchema,
  recordingListResponseSchema,
} from '../recordingContract.ts';
import { callIdParams } from './callEndpoints.ts';
import { defineEndpoint } from './Endpoint.ts';

const recordingNameSchema = z
  .string()
  .max(255)
  .refine(
    isSafeRecordingName,
    'a recording name is a path below the recordings folder (e.g. `callflow/abc`), without `..`, empty segments or backslashes',
  );

/**
 * Recordings live on the Asterisk server that made them and are read from it through ARI by the API:
 * the browser never talks to ARI.
 */
export const recordingEndpoints = {
  callRecordings: defineEndpoint({
    method: 'get',
    path: '/calls/:callId/recordings',
    summary:
      "Recordings made during a call (named by its record steps' variables), with whether the Asterisk server that handled the call has them; 503 when the API is not configured with that server",
    tag: 'recordings',
    access: 'viewer',
    params: callIdParams,
    responses: { 200: callRecordingListResponseSchema, 404: errorBody, 503: errorBody },
    success: 200,
  }),
  listRecordings: defineEndpoint({
    method: 'get',
    path: '/recordings',
    summary:
      'Recordings stored on every configured Asterisk server (read through ARI), by name then server; a server that cannot be asked is reported in `servers`, and the answer is an error (with `servers`) only when none can',
    tag: 'recordings',
    access: 'viewer',
    query: z.object({
      prefix: z
        .string()
        .min(1)
        .max(255)
        .optional()
        .describe('Only names starting with this, e.g. `callflow/`'),
    }),
    responses: {
      200: recordingListResponseSchema,
      502: recordingListFailureSchema,
      503: errorBody,
      504: recordingListFailureSchema,
    },
    success: 200,
  }),
  recordingFile: defineEndpoint({
    method: 'get',
    path: '/recordings/:name/file',
    summary:
      'The audio file of a stored recording, proxied from ARI (name URL-encoded as one segment, e.g. `callflow%2Fabc`); honours a single byte range',
    tag: 'recordings',
    access: 'viewer',
    params: z.object({ name: recordingNameSchema }),
    query: z.object({
      server: z
        .string()
        .min(1)
        .max(255)
        .optional()
        .describe(
          'The Asterisk server that has it, as in `Call.asteriskServer`; may be left out when the API has a single server',
        ),
    }),
    responses: {
      200: null,
      206: null,
      400: invalidRequestBody,
      404: errorBody,
      416: null,
      502: errorBody,
      503: errorBody,
      504: errorBody,
    },
    success: 200,
  }),
};
