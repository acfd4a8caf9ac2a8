import { describe, expect, it } from 'vitest';
import { EspeakSpeechEngine } from './EspeakSpeechEngine.ts';
import { renderSpeech } from './renderSpeech.ts';
import { SpeechFailed } from './SpeechFailed.ts';
import { rejectionOf } from './testing/index.ts';
import { wavDurationMs } from './wavDurationMs.ts';

const engine = new EspeakSpeechEngine();

const failure = (promise: Promise<unknown>) => rejectionOf(promise, SpeechFailed);

describe('EspeakSpeechEngine', () => {
  it('speaks English and Russian in their own voices', async () => {
    const english = await renderSpeech(engine, {
      text: 'Your balance is 42 dollars.',
      language: 'en',
      voice: null,
    });
    const russian = await renderSpeech(engine, {
      text: 'Ваш баланс сорок два рубля.',
      language: 'ru',
      voice: null,
    });
    expect(english.durationMs).toBeGreaterThan(1000);
    expect(russian.durationMs).toBeGreaterThan(1000);
    expect(english.hash).not.toBe(russian.hash);
  });

  it('speaks Chinese (zh is espeak-ng cmn) and a regional language with its language voice', async () => {
    const chinese = await engine.render({ text: '你好，欢迎光临', language: 'zh', voice: null });
    const canadian = await engine.render({ text: 'Bonjour et bienvenue', language: 'fr_CA', voice: null });
    expect(wavDurationMs(chinese)).toBeGreaterThan(500);
    expect(wavDurationMs(canadian)).toBeGreaterThan(500);
  });

  it('speaks text that looks like options and shell as words: it goes in on stdin', async () => {
    const text = '--help -w /tmp/x $(rm -rf /) `id`; echo hi | cat';
    const audio = await engine.render({ text, language: 'en', voice: null });
    expect(wavDurationMs(audio)).toBeGreaterThan(1000);
  });

  it('uses a listed voice and its female variant, and the same text sounds different', async () => {
    const male = await engine.render({ text: 'Hello', language: 'en', voice: 'en-us' });
    const female = await engine.render({ text: 'Hello', language: 'en', voice: 'en-us+f3' });
    expect(Buffer.from(male).equals(Buffer.from(female))).toBe(false);
  });

  it('lists voices by flow language, each with a female variant', async () => {
    const voices = await engine.voices();
    expect(voices).toContainEqual({ id: 'en-us', name: 'English (America)', language: 'en_US' });
    expect(voices).toContainEqual({ id: 'en-us+f3', name: 'English (America), female', language: 'en_US' });
    expect(voices).toContainEqual({ id: 'ru', name: 'Russian', language: 'ru' });
    expect(voices).toContainEqual(expect.objectContaining({ id: 'cmn', language: 'zh' }));
    expect(new Set(voices.map((voice) => voice.id)).size).toBe(voices.length);
  });

  it('refuses a language or voice espeak-ng does not have, and text that is too long or empty', async () => {
    expect((await failure(engine.render({ text: 'x', language: 'xx', voice: null }))).message).toBe(
      'espeak-ng has no voice for the language xx.',
    );
    expect((await failure(engine.render({ text: 'x', language: 'en', voice: 'nope' }))).message).toBe(
      'espeak-ng has no voice nope.',
    );
    const tooLong = await failure(engine.render({ text: 'a'.repeat(2001), language: 'en', voice: null }));
    expect(tooLong.reason).toBe('invalid_request');
    expect(tooLong.message).toContain('at most 2000 characters');
    const empty = await failure(engine.render({ text: '   ', language: 'en', voice: null }));
    expect(empty.message).toContain('the text is empty');
    const voiceWithSpaces = await failure(engine.render({ text: 'x', language: 'en', voice: 'en us' }));
    expect(voiceWithSpaces.reason).toBe('invalid_request');
  });

  it('stops espeak-ng when it takes too long or the caller gives up', async () => {
    const slow = new EspeakSpeechEngine({ timeoutMs: 1 });
    expect((await slow.voices()).length).toBeGreaterThan(10);
    const timedOut = await failure(
      slow.render({ text: 'A long sentence. '.repeat(100), language: 'en', voice: null }),
    );
    expect(timedOut.reason).toBe('timeout');
    const aborted = await failure(
      engine.render({ text: 'Hello', language: 'en', voice: null }, AbortSignal.abort()),
    );
    expect(aborted.reason).toBe('aborted');
  });
});
