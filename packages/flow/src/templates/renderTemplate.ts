import { findTemplates } from './findTemplates.ts';
import { variableNamePattern } from './variableNamePattern.ts';

/**
 * Replaces `{{name}}` with the variable's value. Nothing is evaluated: a name is looked up, and an
 * undefined or malformed name renders as an empty string (validation reports it before publishing).
 */
export function renderTemplate(
  template: string,
  lookup: (name: string) => string | undefined,
  /** Applied to each substituted value, e.g. URL-encoding, so a value cannot change the text around it. */
  encode: (value: string) => string = (value) => value,
): string {
  // Most prompts and values name no variable: they are used as they are, without a scan.
  if (!template.includes('{{')) return template;
  let rendered = '';
  let copiedUpTo = 0;
  for (const { start, end, name } of findTemplates(template)) {
    const value = variableNamePattern.test(name) ? lookup(name) : undefined;
    rendered += template.slice(copiedUpTo, start) + (typeof value === 'string' ? encode(value) : '');
    copiedUpTo = end;
  }
  return rendered + template.slice(copiedUpTo);
}
