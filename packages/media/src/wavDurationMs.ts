import { parseWavHeader } from './wavFile.ts';

/** The length of a PCM WAV in milliseconds, from its header and the samples present; throws on anything else. */
export function wavDurationMs(wav: Uint8Array): number {
  const info = parseWavHeader(wav);
  const bytesPerSecond = info.sampleRate * info.channels * (info.bitsPerSample / 8);
  return Math.round((info.dataBytes / bytesPerSecond) * 1000);
}
