import { describe, expect, it } from 'vitest';
import { renderSpeech } from './renderSpeech.ts';
import type { SpeechEngine } from './SpeechEngine.ts';
import { SpeechFailed } from './SpeechFailed.ts';
import { makeTestAudio, rejectionOf } from './testing/index.ts';

function engineAnswering(answer: () => Promise<Uint8Array>): SpeechEngine {
  return { id: 'fake', voices: async () => [], render: answer };
}

const request = { text: 'Hello', language: 'en', voice: null };

const failure = (promise: Promise<unknown>) => rejectionOf(promise, SpeechFailed);

describe('renderSpeech', () => {
  it("keeps the engine's own pauses: nothing is trimmed from speech", async () => {
    const segments = [
      { kind: 'silence', seconds: 0.5 },
      { kind: 'tone', seconds: 1 },
      { kind: 'silence', seconds: 0.5 },
    ] as const;
    const audio = await makeTestAudio({ format: 'wav', segments });
    const converted = await renderSpeech(
      engineAnswering(async () => audio),
      request,
    );
    expect(Math.abs(converted.durationMs - 2000)).toBeLessThanOrEqual(20);
    expect(converted.peaks).toHaveLength(120);
  });

  it('says the engine returned no sound, or something that is not audio', async () => {
    const silence = await makeTestAudio({ format: 'wav', segments: [{ kind: 'silence', seconds: 1 }] });
    const silent = await failure(
      renderSpeech(
        engineAnswering(async () => silence),
        request,
      ),
    );
    expect(silent.message).toBe('The speech engine fake returned no sound for this text.');
    const text = await failure(
      renderSpeech(
        engineAnswering(async () => Buffer.from('{"audio": null}')),
        request,
      ),
    );
    expect(text.message).toBe('The speech engine fake returned something that is not audio we can read.');
    expect(text.reason).toBe('bad_answer');
  });

  it('passes the caller giving up on to the conversion', async () => {
    const audio = await makeTestAudio({ format: 'wav', segments: [{ kind: 'tone', seconds: 1 }] });
    const controller = new AbortController();
    const engine = engineAnswering(async () => {
      controller.abort();
      return audio;
    });
    expect((await failure(renderSpeech(engine, request, controller.signal))).reason).toBe('aborted');
  });
});
