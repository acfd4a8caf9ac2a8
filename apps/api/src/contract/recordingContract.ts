import { z } from 'zod';

/** A recording stored on Asterisk. */
export const storedRecordingSchema = z.object({
  name: z.string(),
  format: z.string(),
  /** Path of the file below the site, e.g. `/api/recordings/callflow%2Fabc/file`. */
  fileUrl: z.string(),
});
export type StoredRecording = z.output<typeof storedRecordingSchema>;

/** GET /recordings: by name. */
export const recordingListResponseSchema = z.object({ items: z.array(storedRecordingSchema) });
export type RecordingListResponse = z.output<typeof recordingListResponseSchema>;

/** A recording a call made, named by one of its record steps. */
export const callRecordingSchema = z.object({
  name: z.string(),
  /** The record step that named it. */
  nodeId: z.string(),
  seq: z.number().int(),
  recordedAt: z.string(),
  /** Null when the name is not one the API serves (e.g. contains `..`). */
  fileUrl: z.string().nullable(),
  /** Whether Asterisk has the file; null when unknown (no ARI, or ARI failed). */
  available: z.boolean().nullable(),
  format: z.string().nullable(),
});
export type CallRecording = z.output<typeof callRecordingSchema>;

/** GET /calls/:callId/recordings */
export const callRecordingListResponseSchema = z.object({
  items: z.array(callRecordingSchema),
  ari: z.enum(['ok', 'not_configured', 'unavailable']).describe('Whether `available` could be checked'),
});
export type CallRecordingListResponse = z.output<typeof callRecordingListResponseSchema>;
