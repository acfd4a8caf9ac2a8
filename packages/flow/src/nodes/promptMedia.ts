import type { SpeechRequest } from '../runtime/PromptSource.ts';
import type { StepContext } from '../runtime/StepContext.ts';
import { StepFailure } from '../runtime/StepFailure.ts';
import { languageCodePattern } from './commonOptions.ts';
import { type Prompt, recordingNamePattern, soundNamePattern, tonePattern } from './prompts.ts';
import { renderOption, type ValueRule } from './renderOption.ts';
import { callLanguageVariable } from './start/start.ts';
import { valueRules } from './valueRules.ts';

// What a rendered value may be in each kind of prompt: stricter than the templates the author writes.
const digitsPattern = /^[0-9*#+-]+$/;
const numberPattern = /^-?[0-9]{1,18}$/;
const charactersPattern = /^[\x20-\x2b\x2d-\x7e]+$/;

type NamedPrompt = Exclude<Prompt, { type: 'library' } | { type: 'say' }>;
type SayPrompt = Extract<Prompt, { type: 'say' }>;

const mediaRules: Record<NamedPrompt['type'], { rule: ValueRule; pattern: RegExp }> = {
  sound: { rule: valueRules.soundName, pattern: soundNamePattern },
  recording: { rule: valueRules.recordingName, pattern: recordingNamePattern },
  digits: { rule: valueRules.digits, pattern: digitsPattern },
  number: { rule: valueRules.number, pattern: numberPattern },
  characters: { rule: valueRules.characters, pattern: charactersPattern },
  tone: { rule: valueRules.tone, pattern: tonePattern },
};

/** The most characters a say prompt speaks once its variables are filled in (what an engine takes). */
export const maxSpokenLength = 2000;

/**
 * The language a node's prompts play in: its own `language` option when set, else the caller's
 * (`call.language`, set by Start and Set language nodes), else the flow's default.
 */
export function promptLanguage(context: StepContext, nodeLanguage: string | null): string {
  if (nodeLanguage !== null) return nodeLanguage;
  const callLanguage = context.variables.get(callLanguageVariable);
  return callLanguage !== undefined && languageCodePattern.test(callLanguage)
    ? callLanguage
    : context.prompts.defaultLanguage;
}

/** A sound, recording, digits, number, characters or tone prompt: its rendered value in a media URI. */
function namedMedia(item: NamedPrompt, context: StepContext, option: string): string | null {
  const field = item.type === 'sound' || item.type === 'recording' ? 'name' : 'value';
  const template = item.type === 'sound' || item.type === 'recording' ? item.name : item.value;
  const at = `${option}.${field}`;
  const { rule, pattern } = mediaRules[item.type];
  const text = renderOption(context.variables, at, template, rule).trim();
  if (text === '') return null;
  // Media URIs are comma-separated in the ARI request: only whole, well-formed names go in.
  if (!pattern.test(text))
    throw new StepFailure(
      `${at}: "${template}" rendered as ${JSON.stringify(text.slice(0, 40))}, which is not ${rule.into}`,
    );
  return `${item.type}:${text}`;
}

/**
 * What a say prompt asks to hear in the call's language: its translation into that language when it
 * has one, else its own text in the language it is written in. The voice chosen is for that text; a
 * translation is spoken by its language's default voice.
 */
function speechRequest(
  item: SayPrompt,
  context: StepContext,
  option: string,
  language: string,
): SpeechRequest | null {
  const index = item.translations.findIndex((translation) => translation.language === language);
  const translation = item.translations[index];
  const at = translation === undefined ? `${option}.text` : `${option}.translations.${index}.text`;
  const template = translation?.text ?? item.text;
  const text = renderOption(context.variables, at, template, valueRules.speechText).trim();
  if (text === '') return null;
  if (text.length > maxSpokenLength)
    throw new StepFailure(
      `${at}: "${template.slice(0, 40)}" rendered as ${text.length} characters, more than the ${maxSpokenLength} a say prompt speaks`,
    );
  return translation === undefined
    ? { text, language: item.language ?? context.prompts.defaultLanguage, voice: item.voice }
    : { text, language: translation.language, voice: null };
}

/**
 * ARI media URIs for prompts, in `language` (see promptLanguage); prompts that render empty (e.g. an
 * unset variable) are skipped. A value that does not fit its prompt (a sound name that is a URL,
 * digits with a comma) throws a StepFailure before anything is played or spoken. Library prompts and
 * spoken text come from the call's prompt source, which returns whole URIs: the flow builds none from
 * text. `path` is where the prompts sit in the node's options, for the error. Texts are spoken in
 * parallel, so several say prompts cost the time of the slowest.
 */
export async function promptMedia(
  prompts: readonly Prompt[],
  context: StepContext,
  path: string,
  language: string,
): Promise<string[]> {
  const planned = prompts.map((item, index): string | SpeechRequest | null => {
    const option = `${path}.${index}`;
    if (item.type === 'library') return context.prompts.libraryMedia(item.promptId, language);
    if (item.type === 'say') return speechRequest(item, context, option, language);
    return namedMedia(item, context, option);
  });
  const media = await Promise.all(
    planned.map((item) =>
      item === null || typeof item === 'string' ? item : context.prompts.speechMedia(item, context.signal),
    ),
  );
  return media.filter((uri) => uri !== null);
}
