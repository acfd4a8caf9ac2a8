import { StepFailure } from '../runtime/StepFailure.ts';
import type { TemplateRenderer } from '../secrets/withSecrets.ts';

/**
 * What a value substituted into one kind of text (a dial endpoint, a sound name, a URL path) may hold.
 * The text the flow author wrote is trusted; a value comes from a caller, a web service or another
 * variable, so it may only add characters that cannot change the structure of the text around it.
 */
export interface ValueRule {
  /** The text the value goes into, for errors: "a dial endpoint". */
  readonly into: string;
  /** Finds the first character a value may not hold (no g or y flag: it is used with `search`). */
  readonly forbidden: RegExp;
  /** The characters a value may hold, said to the reader of the call log. */
  readonly allowed: string;
  readonly maxLength: number;
  /** False where values may be keys or tokens (URLs, headers): errors then never quote the value. */
  readonly quote: boolean;
  /** Applied to a value once it passed, e.g. URL-encoding. */
  readonly encode?: (value: string) => string;
}

const quotedLength = 24;

/** A value shown in an error: JSON-escaped (control characters visible) and cut short. */
function shownValue(value: string): string {
  const cut = value.length > quotedLength ? `${value.slice(0, quotedLength)}…` : value;
  return JSON.stringify(cut);
}

/** The refused character, readable even when it is a control character or half a surrogate pair. */
function shownCharacter(character: string): string {
  return /^[\x21-\x7e]$/.test(character) ? `"${character}"` : JSON.stringify(character);
}

/** Why a value does not fit, or null when it does. */
export function valueProblem(value: string, rule: ValueRule): string | null {
  if (value.length > rule.maxLength)
    return `${value.length} characters, more than the ${rule.maxLength} ${rule.into} may take from a variable`;
  // `search` with a character class scans the value once: linear in its length whatever it holds.
  const at = value.search(rule.forbidden);
  if (at === -1) return null;
  const code = value.codePointAt(at) ?? 0;
  const character = String.fromCodePoint(code);
  return `${shownCharacter(character)} cannot be part of ${rule.into} (allowed: ${rule.allowed})`;
}

/**
 * Renders an option's template, checking each substituted value against `rule`. A value that does
 * not fit throws a StepFailure naming the option and the variable, so the step takes its error port
 * and nothing is sent to Asterisk or the web service.
 */
export function renderOption(
  variables: TemplateRenderer,
  /** The option's path in the node's options, e.g. `endpoint` or `prompts.0.name`. */
  option: string,
  template: string,
  rule: ValueRule,
): string {
  return variables.render(template, (value, name) => {
    const problem = valueProblem(value, rule);
    if (problem === null) return rule.encode === undefined ? value : rule.encode(value);
    // Secrets and values that may be keys are described, never quoted.
    const shown = rule.quote && !name.startsWith('secrets.') ? shownValue(value) : 'a value';
    throw new StepFailure(`${option}: {{${name}}} holds ${shown}: ${problem}`);
  });
}
