import type { CallVariables } from '../runtime/CallVariables.ts';
import { StepFailure } from '../runtime/StepFailure.ts';
import { type Prompt, recordingNamePattern, soundNamePattern, tonePattern } from './prompts.ts';
import { renderOption, type ValueRule } from './renderOption.ts';
import { valueRules } from './valueRules.ts';

// What a rendered value may be in each kind of prompt: stricter than the templates the author writes.
const digitsPattern = /^[0-9*#+-]+$/;
const numberPattern = /^-?[0-9]{1,18}$/;
const charactersPattern = /^[\x20-\x2b\x2d-\x7e]+$/;

const mediaRules: Record<Prompt['type'], { rule: ValueRule; pattern: RegExp }> = {
  sound: { rule: valueRules.soundName, pattern: soundNamePattern },
  recording: { rule: valueRules.recordingName, pattern: recordingNamePattern },
  digits: { rule: valueRules.digits, pattern: digitsPattern },
  number: { rule: valueRules.number, pattern: numberPattern },
  characters: { rule: valueRules.characters, pattern: charactersPattern },
  tone: { rule: valueRules.tone, pattern: tonePattern },
};

/**
 * ARI media URIs for prompts; prompts that render empty (e.g. an unset variable) are skipped. A value
 * that does not fit its prompt (a sound name that is a URL, digits with a comma) throws a StepFailure
 * before anything is played. `path` is where the prompts sit in the node's options, for the error.
 */
export function promptMedia(prompts: readonly Prompt[], variables: CallVariables, path: string): string[] {
  const media: string[] = [];
  prompts.forEach((item, index) => {
    const field = item.type === 'sound' || item.type === 'recording' ? 'name' : 'value';
    const template = item.type === 'sound' || item.type === 'recording' ? item.name : item.value;
    const option = `${path}.${index}.${field}`;
    const { rule, pattern } = mediaRules[item.type];
    const text = renderOption(variables, option, template, rule).trim();
    if (text === '') return;
    // Media URIs are comma-separated in the ARI request: only whole, well-formed names go in.
    if (!pattern.test(text))
      throw new StepFailure(
        `${option}: "${template}" rendered as ${JSON.stringify(text.slice(0, 40))}, which is not ${rule.into}`,
      );
    media.push(`${item.type}:${text}`);
  });
  return media;
}
