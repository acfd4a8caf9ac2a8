import { createHash } from 'node:crypto';
import type { SpeechRequest } from './SpeechEngine.ts';

/**
 * The cache key of one rendering: sha256 hex of the canonical JSON `[engineId, language, voice, text]`.
 * The same words from the same engine and voice are rendered once; another engine renders anew.
 */
export function speechKey(engineId: string, request: SpeechRequest): string {
  const canonical = JSON.stringify([engineId, request.language, request.voice, request.text]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
