import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { speechKey } from './speechKey.ts';

const request = { text: 'Your balance is 42 dollars.', language: 'en', voice: null };

describe('speechKey', () => {
  it('is the sha256 of the canonical JSON [engine, language, voice, text], so stored keys stay valid', () => {
    const canonical = '["espeak-ng","en",null,"Your balance is 42 dollars."]';
    expect(speechKey('espeak-ng', request)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('does not depend on the order of the request fields', () => {
    const reordered = { voice: null, text: 'Your balance is 42 dollars.', language: 'en' };
    expect(speechKey('espeak-ng', reordered)).toBe(speechKey('espeak-ng', request));
  });

  it('changes with the engine, the language, the voice and the text', () => {
    const keys = [
      speechKey('espeak-ng', request),
      speechKey('http:tts.example', request),
      speechKey('espeak-ng', { ...request, language: 'en_US' }),
      speechKey('espeak-ng', { ...request, voice: 'en-us+f3' }),
      speechKey('espeak-ng', { ...request, text: 'Your balance is 43 dollars.' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('cannot be made to collide by moving text between fields', () => {
    expect(speechKey('a', { text: 'b', language: 'en', voice: 'c' })).not.toBe(
      speechKey('a', { text: 'c', language: 'en', voice: 'b' }),
    );
    expect(speechKey('espeak-ng","en', { text: 'x', language: 'en', voice: null })).not.toBe(
      speechKey('espeak-ng', { text: 'x', language: 'en", "en', voice: null }),
    );
  });
});
