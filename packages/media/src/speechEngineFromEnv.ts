import { EspeakSpeechEngine } from './EspeakSpeechEngine.ts';
import { HttpSpeechEngine } from './HttpSpeechEngine.ts';
import type { SpeechEngine } from './SpeechEngine.ts';

/** How long an HTTP engine may take for one rendering unless CALLFLOW_TTS_TIMEOUT_MS says otherwise. */
export const defaultHttpSpeechTimeoutMs = 10_000;

/**
 * The installation's speech engine: espeak-ng when CALLFLOW_TTS_URL is unset, else that HTTP engine,
 * with CALLFLOW_TTS_AUTHORIZATION (a secret) as its Authorization header, CALLFLOW_TTS_VOICES_URL
 * for its voice list and CALLFLOW_TTS_TIMEOUT_MS (100..60000, default 10000) as its time limit.
 * Errors name the variable, never its value.
 */
export function speechEngineFromEnv(env: Readonly<Record<string, string | undefined>>): SpeechEngine {
  const url = env.CALLFLOW_TTS_URL?.trim();
  if (!url) return new EspeakSpeechEngine();
  const timeoutText = env.CALLFLOW_TTS_TIMEOUT_MS?.trim();
  const timeoutMs = timeoutText ? Number(timeoutText) : defaultHttpSpeechTimeoutMs;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 60_000) {
    throw new Error('CALLFLOW_TTS_TIMEOUT_MS must be a whole number of milliseconds from 100 to 60000.');
  }
  const authorization = env.CALLFLOW_TTS_AUTHORIZATION?.trim();
  if (authorization !== undefined && /[\r\n]/.test(authorization)) {
    throw new Error('CALLFLOW_TTS_AUTHORIZATION must be one line.');
  }
  const voicesUrl = env.CALLFLOW_TTS_VOICES_URL?.trim();
  try {
    return new HttpSpeechEngine({
      url,
      timeoutMs,
      ...(authorization ? { headers: { authorization } } : {}),
      ...(voicesUrl ? { voicesUrl } : {}),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`CALLFLOW_TTS_URL or CALLFLOW_TTS_VOICES_URL: ${message}`);
  }
}
