import type { SpeechPreviewBody, SpeechVoiceListResponse } from '@callflow/contract';
import { renderTemplate } from '@callflow/flow';
import { renderSpeech, SpeechFailed } from '@callflow/media';
import { ApiError } from '../../http/ApiError.ts';
import type { ApiServices } from '../../http/ApiServices.ts';

/** `{{vars.account_balance}}` is heard as "account balance": what the caller will hear there is a value. */
function spokenName(name: string): string {
  return (name.split('.').at(-1) ?? name).replaceAll('_', ' ');
}

/** The sentence spoken as a 16 kHz WAV, to listen to; nothing is stored. */
export async function speechPreview(
  services: ApiServices,
  body: SpeechPreviewBody,
  signal: AbortSignal,
): Promise<Buffer> {
  const text = renderTemplate(body.text, spokenName);
  const request = { text, language: body.language, voice: body.voice };
  const audio = await services.prompts.work.run(
    () => renderSpeech(services.prompts.speech, request, signal),
    signal,
  );
  return audio.wideband;
}

/**
 * Whether a voice speaks `language`: the same code, or one is the other's base language (an `en`
 * flow may use an en_US voice, a `fr_FR` flow a plain `fr` one; not a fr_CA one).
 */
function speaks(voiceLanguage: string, language: string): boolean {
  return (
    voiceLanguage === language ||
    voiceLanguage.split('_')[0] === language ||
    language.split('_')[0] === voiceLanguage
  );
}

/** The engine's voices, only those that speak `language` when one is given. */
export async function listSpeechVoices(
  services: ApiServices,
  language: string | undefined,
): Promise<SpeechVoiceListResponse> {
  const { speech } = services.prompts;
  const voices = await speech.voices().catch((error: unknown) => {
    if (error instanceof SpeechFailed) throw error;
    throw new ApiError(
      502,
      'speech_failed',
      `the text-to-speech engine ${speech.id} did not list its voices`,
    );
  });
  return {
    engine: speech.id,
    voices: voices
      .filter((voice) => language === undefined || speaks(voice.language, language))
      .map((voice) => ({ id: voice.id, name: voice.name, language: voice.language })),
  };
}
