import { type SpeechVoice, speechLanguagePattern } from './SpeechEngine.ts';

/** Flow languages whose espeak-ng voice is not the code itself in lower case with a dash. */
const espeakNames: Readonly<Record<string, string>> = { zh: 'cmn', zh_CN: 'cmn', zh_TW: 'cmn', zh_HK: 'yue' };
const flowCodes: Readonly<Record<string, string>> = { cmn: 'zh', yue: 'zh_HK' };

/** The variant that makes any espeak-ng voice sound female. */
export const femaleVariant = '+f3';

/** The espeak-ng voice a flow language speaks with by default: fr_FR → fr-fr, en → en, zh → cmn. */
export function espeakVoiceFor(language: string): string {
  return espeakNames[language] ?? language.toLowerCase().replace('_', '-');
}

/**
 * The voices of `espeak-ng --voices` ("Pty Language Age/Gender VoiceName File Other Languages"),
 * each as itself and with the female variant, for the languages a flow can name.
 */
export function parseEspeakVoices(listing: string): SpeechVoice[] {
  const voices: SpeechVoice[] = [];
  for (const line of listing.split('\n').slice(1)) {
    const [, espeakName, , voiceName] = line.trim().split(/\s+/);
    if (!espeakName || !voiceName) continue;
    const [base = '', region] = espeakName.split('-');
    const language =
      flowCodes[espeakName] ?? (region === undefined ? base : `${base}_${region.toUpperCase()}`);
    if (!speechLanguagePattern.test(language) || espeakName.split('-').length > 2) continue;
    // espeak-ng lists some voices twice (yue: two romanisations of Cantonese); one entry is enough.
    if (voices.some((voice) => voice.id === espeakName)) continue;
    const name = voiceName.replaceAll('_', ' ');
    voices.push({ id: espeakName, name, language });
    voices.push({ id: `${espeakName}${femaleVariant}`, name: `${name}, female`, language });
  }
  return voices;
}
