/**
 * Requests of the prompt library tests that loginAs's JSON clients cannot make: an audio file as the
 * raw body, a WAV answer read as bytes.
 */
import { createHash } from 'node:crypto';
import type { ApiClient } from './loginAs.ts';
import type { TestApi } from './startTestApi.ts';

export interface PromptAudioView {
  language: string;
  source: string;
  hash: string;
  durationMs: number;
  peaks: number[];
  speechText: string | null;
  voice: string | null;
  fileName: string | null;
  updatedAt: string;
}

export interface PromptView {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  audio: PromptAudioView[];
}

/** PUT the file as the request body, as the editor sends a dropped or recorded file. */
export async function uploadAudio(
  api: TestApi,
  client: ApiClient,
  path: string,
  file: Uint8Array,
  contentType = 'application/octet-stream',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${api.url}${path}`, {
    method: 'PUT',
    headers: { cookie: client.cookie, 'content-type': contentType },
    body: file,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** GET (or POST with a JSON body) an answer that is a file: its status, type and bytes. */
export async function fileAnswer(
  api: TestApi,
  client: ApiClient,
  path: string,
  body?: unknown,
): Promise<{ status: number; contentType: string; bytes: Buffer }> {
  const response = await fetch(`${api.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      cookie: client.cookie,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** A PCM WAV's sample rate and channels, read from its header (throws on anything else). */
export function wavFormat(wav: Buffer): { sampleRate: number; channels: number; bitsPerSample: number } {
  if (wav.toString('latin1', 0, 4) !== 'RIFF' || wav.toString('latin1', 8, 12) !== 'WAVE')
    throw new Error('not a WAV file');
  return {
    channels: wav.readUInt16LE(22),
    sampleRate: wav.readUInt32LE(24),
    bitsPerSample: wav.readUInt16LE(34),
  };
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** How many prompt audio and audio rows are stored: a refused upload must change neither. */
export async function audioCounts(api: TestApi): Promise<{ audio: number; promptAudio: number }> {
  return { audio: await api.db.prisma.audio.count(), promptAudio: await api.db.prisma.promptAudio.count() };
}
