import { z } from 'zod';

/** The longest text one rendering speaks. */
export const maxSpeechTextLength = 2000;

/** A language as flows and Asterisk's sound folders name it: en, ru, fr_FR, zh. */
export const speechLanguagePattern = /^[a-z]{2,3}(_[A-Za-z]{2,4})?$/;
/** A voice id as engines name them: en-us, en-us+f3, ru. */
export const speechVoicePattern = /^[A-Za-z0-9_.+-]{1,64}$/;

/** What to speak; checked by every engine before anything runs. */
export const speechRequestSchema = z.object({
  text: z
    .string()
    .max(maxSpeechTextLength, `the text can be at most ${maxSpeechTextLength} characters`)
    .refine((text) => text.trim().length > 0, 'the text is empty')
    // Line breaks are allowed (a paragraph); other control characters are not text.
    .refine((text) => !hasControlCharacters(text), 'the text contains control characters'),
  language: z.string().regex(speechLanguagePattern, 'use a language code like en or fr_FR'),
  voice: z.string().regex(speechVoicePattern, 'use a voice id like en-us or en-us+f3').nullable(),
});

export type SpeechRequest = z.infer<typeof speechRequestSchema>;

/** A voice an engine offers. */
export interface SpeechVoice {
  readonly id: string;
  /** What people read in a picker: "English (America), female". */
  readonly name: string;
  /** A flow language code (en_US suits en as well). */
  readonly language: string;
}

/** Something that turns text into audio: espeak-ng on this server, or an engine over HTTP. */
export interface SpeechEngine {
  /** "espeak-ng" or "http:<host>": part of every rendering's cache key (speechKey). */
  readonly id: string;
  voices(): Promise<SpeechVoice[]>;
  /**
   * True when every answer is a 16-bit mono PCM WAV (espeak-ng): renderSpeech then converts it in
   * this process and with sox (milliseconds) instead of ffmpeg, and refuses any other answer.
   */
  readonly answersPcmWav?: boolean;
  /** Audio in any format convertAudio reads (a 16-bit mono PCM WAV when answersPcmWav); throws SpeechFailed. */
  render(request: SpeechRequest, signal?: AbortSignal): Promise<Uint8Array>;
}

function hasControlCharacters(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if ((code < 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}
