import { z } from 'zod';
import { errorSchema } from './errorContract.ts';

/** A recording stored on an Asterisk server. */
export const storedRecordingSchema = z.object({
  name: z.string(),
  format: z.string(),
  /** The Asterisk server that has it, named as in `Call.asteriskServer`. */
  server: z.string(),
  /** Path of the file below the site, e.g. `/api/recordings/callflow%2Fabc/file?server=pbx-a`. */
  fileUrl: z.string(),
});
export type StoredRecording = z.output<typeof storedRecordingSchema>;

/** Whether an Asterisk server's recordings could be listed, and if not why (as a request to it alone would fail). */
export const recordingServerSchema = z.object({
  name: z.string(),
  state: z.enum(['ok', 'unavailable']),
  /** Only when unavailable: e.g. `{ error: 'ari_unreachable', message: '…' }`. */
  error: errorSchema.optional(),
});
export type RecordingServer = z.output<typeof recordingServerSchema>;

/**
 * GET /recordings: the recordings of every configured server, by name then server. A server that
 * cannot be asked is reported in `servers`; the answer is an error only when none could be.
 */
export const recordingListResponseSchema = z.object({
  items: z.array(storedRecordingSchema),
  servers: z.array(recordingServerSchema).describe('Every configured server, in configuration order'),
});
export type RecordingListResponse = z.output<typeof recordingListResponseSchema>;

/** GET /recordings when no server could be asked (502, 504): the first server's error, and each server's. */
export const recordingListFailureSchema = errorSchema.extend({ servers: z.array(recordingServerSchema) });
export type RecordingListFailure = z.output<typeof recordingListFailureSchema>;

/** A recording a call made, named by one of its record steps. */
export const callRecordingSchema = z.object({
  name: z.string(),
  /** The record step that named it. */
  nodeId: z.string(),
  seq: z.number().int(),
  recordedAt: z.string(),
  /** Null when the name is not one the API serves (e.g. contains `..`); names the call's server otherwise. */
  fileUrl: z.string().nullable(),
  /** Whether Asterisk has the file; null when unknown (no ARI, or ARI failed). */
  available: z.boolean().nullable(),
  format: z.string().nullable(),
});
export type CallRecording = z.output<typeof callRecordingSchema>;

/** GET /calls/:callId/recordings: checked on the Asterisk server that handled the call. */
export const callRecordingListResponseSchema = z.object({
  items: z.array(callRecordingSchema),
  ari: z.enum(['ok', 'not_configured', 'unavailable']).describe('Whether `available` could be checked'),
});
export type CallRecordingListResponse = z.output<typeof callRecordingListResponseSchema>;

/** Below Asterisk's recording folder, possibly in sub folders (`callflow/abc`); never `..`. */
export function isSafeRecordingName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 255 &&
    !name.includes('..') &&
    !name.startsWith('/') &&
    !name.split('/').some((segment) => segment === '' || segment === '.') &&
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    !/[\\\u0000-\u001f\u007f]/.test(name)
  );
}
