import { z } from 'zod';

/** The audio formats a Record node may store. */
export const recordingFormat = z.enum(['wav', 'gsm', 'ulaw']);
export type RecordingFormat = z.output<typeof recordingFormat>;

/** Which key ends a recording: none, any, or one of them. */
export const recordingStopKey = z.enum(['none', 'any', '*', '#']);
export type RecordingStopKey = z.output<typeof recordingStopKey>;
