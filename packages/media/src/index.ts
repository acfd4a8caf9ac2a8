export { AudioRejected, type AudioRejectedCode } from './AudioRejected.ts';
export { acceptedAudioTypes, defaultMaxAudioSeconds, maxAudioUploadBytes, peakCount } from './audioLimits.ts';
export { type ConvertAudioOptions, type ConvertedAudio, convertAudio } from './convertAudio.ts';
export { EspeakSpeechEngine, type EspeakSpeechEngineOptions } from './EspeakSpeechEngine.ts';
export { HttpSpeechEngine, type HttpSpeechEngineOptions } from './HttpSpeechEngine.ts';
export { renderSpeech } from './renderSpeech.ts';
export { ProcessFailed, type ProcessFailure } from './runProcess.ts';
export {
  maxSpeechTextLength,
  type SpeechEngine,
  type SpeechRequest,
  type SpeechVoice,
  speechLanguagePattern,
  speechRequestSchema,
  speechVoicePattern,
} from './SpeechEngine.ts';
export { SpeechFailed, type SpeechFailure } from './SpeechFailed.ts';
export { type StockSound, StockSounds, type StockSoundsOptions } from './StockSounds.ts';
export { isSoundName, maxSoundNameLength, soundNamePattern } from './soundNamePattern.ts';
export { defaultHttpSpeechTimeoutMs, speechEngineFromEnv } from './speechEngineFromEnv.ts';
export { speechKey } from './speechKey.ts';
export { wavDurationMs } from './wavDurationMs.ts';
