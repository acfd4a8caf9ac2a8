import { describe, expect, it } from 'vitest';
import { EspeakSpeechEngine } from './EspeakSpeechEngine.ts';
import { HttpSpeechEngine } from './HttpSpeechEngine.ts';
import { speechEngineFromEnv } from './speechEngineFromEnv.ts';

describe('speechEngineFromEnv', () => {
  it('uses espeak-ng when no engine address is configured', () => {
    for (const env of [{}, { CALLFLOW_TTS_URL: '' }, { CALLFLOW_TTS_URL: '  ' }]) {
      const engine = speechEngineFromEnv(env);
      expect(engine).toBeInstanceOf(EspeakSpeechEngine);
      expect(engine.id).toBe('espeak-ng');
    }
  });

  it('uses the HTTP engine at CALLFLOW_TTS_URL, named by its host', () => {
    const engine = speechEngineFromEnv({
      CALLFLOW_TTS_URL: 'https://tts.example:8443/v1/speak?key=abc',
      CALLFLOW_TTS_AUTHORIZATION: 'Bearer xyz',
    });
    expect(engine).toBeInstanceOf(HttpSpeechEngine);
    expect(engine.id).toBe('http:tts.example:8443');
  });

  it('names the variable that is wrong, never the secret value', () => {
    const secret = 'Bearer top-secret';
    const attempts = [
      { CALLFLOW_TTS_URL: 'not a url', CALLFLOW_TTS_AUTHORIZATION: secret },
      { CALLFLOW_TTS_URL: 'ftp://tts.example/', CALLFLOW_TTS_AUTHORIZATION: secret },
      {
        CALLFLOW_TTS_URL: 'https://tts.example/',
        CALLFLOW_TTS_TIMEOUT_MS: '5s',
        CALLFLOW_TTS_AUTHORIZATION: secret,
      },
      { CALLFLOW_TTS_URL: 'https://tts.example/', CALLFLOW_TTS_TIMEOUT_MS: '99' },
      { CALLFLOW_TTS_URL: 'https://tts.example/', CALLFLOW_TTS_AUTHORIZATION: `${secret}\r\nX-Evil: 1` },
    ];
    const messages = attempts.map((env) => {
      try {
        speechEngineFromEnv(env);
        return 'no error';
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    });
    expect(messages[0]).toMatch(/^CALLFLOW_TTS_URL/);
    expect(messages[1]).toMatch(/^CALLFLOW_TTS_URL.*http:\/\/ or https:\/\//);
    expect(messages[2]).toMatch(/^CALLFLOW_TTS_TIMEOUT_MS/);
    expect(messages[3]).toMatch(/^CALLFLOW_TTS_TIMEOUT_MS/);
    expect(messages[4]).toBe('CALLFLOW_TTS_AUTHORIZATION must be one line.');
    for (const message of messages) expect(message).not.toContain('top-secret');
  });
});
