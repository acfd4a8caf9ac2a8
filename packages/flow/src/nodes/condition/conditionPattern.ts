import { RE2JS, RE2JSException } from 're2js';
import { templateReferences } from '../../templates/templateReferences.ts';

/** Longest pattern an author may write: real patterns (prefixes, PINs, account formats) are far shorter. */
export const maxPatternLength = 200;
/**
 * Largest compiled program (RE2 instructions). Matching costs at most program size × text length, so
 * this bounds a match of the longest text to a few milliseconds; `\pL{1000}` (1,002 instructions) took
 * most of a second per call.
 */
export const maxProgramSize = 200;

// Problems are shown after the field's own title ("Compare with: …") and as a step's error: they name
// the pattern, not the field, so the title is not said twice.
const field = 'the pattern';
const engineNote = 'patterns here run in time proportional to the text, so no caller input can stall calls';

export type CompiledPattern =
  | { readonly regex: RE2JS; readonly problem: null }
  | { readonly regex: null; readonly problem: string };

/** Why RE2 refused a pattern, in an author's words, from the parser's message and the text it quotes. */
function unsupportedFeature(message: string, quoted: string): string | null {
  if (/^\\[1-9]/.test(quoted) || quoted.startsWith('\\k')) return 'backreferences (\\1, \\k<name>)';
  if (quoted.startsWith('(?=') || quoted.startsWith('(?!')) return 'lookahead ((?= or (?!)';
  if (quoted.startsWith('(?<=') || quoted.startsWith('(?<!')) return 'lookbehind ((?<= or (?<!)';
  if (message.startsWith('invalid nested repetition operator') && quoted.endsWith('+'))
    return 'possessive repeats (++, *+, ?+): drop the second +';
  if (quoted.startsWith('\\u')) return '\\u escapes: write \\x{41} instead of \\u0041';
  return null;
}

function parserProblem(error: RE2JSException): string {
  // re2js reports "error parsing regexp: <what>: `<where>`".
  const detail = error.message.replace(/^error parsing regexp: /, '');
  const quotedAt = detail.indexOf(': `');
  const what = quotedAt === -1 ? detail : detail.slice(0, quotedAt);
  const quoted = quotedAt === -1 ? '' : detail.slice(quotedAt + 3).replace(/`$/, '');
  const feature = unsupportedFeature(what, quoted);
  if (feature !== null) return `${field} uses ${feature}, which is not supported: ${engineNote}`;
  if (what.startsWith('invalid repeat count'))
    return `${field} repeats more than 1,000 times (${quoted}); use a smaller count`;
  return `${field} is not a valid regular expression: ${detail}`;
}

/**
 * The pattern of a "matches" condition, compiled for RE2 (re2js): matching time is linear in the text
 * whatever the pattern, unlike JavaScript's backtracking RegExp, where `^(\d+)+$` on 28 digits and a
 * letter took 3 s. Refused, with the reason an author reads: a pattern holding {{variables}} (a caller
 * would choose the pattern), one too long or too complex, and features RE2 leaves out because they
 * need backtracking (backreferences, lookaround).
 */
export function conditionPattern(pattern: string): CompiledPattern {
  const refuse = (problem: string): CompiledPattern => ({ regex: null, problem });
  if (templateReferences(pattern).length > 0)
    return refuse(
      `${field} cannot hold {{variables}} when the comparison is "matches regular expression": the pattern must be written in the flow, never come from a caller or an HTTP answer`,
    );
  if (pattern.length > maxPatternLength)
    return refuse(`${field} has ${pattern.length} characters; use at most ${maxPatternLength} characters`);
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(pattern);
  } catch (error) {
    if (error instanceof RE2JSException) return refuse(parserProblem(error));
    throw error;
  }
  const size = regex.programSize();
  if (size > maxProgramSize)
    return refuse(
      `${field} is too complex to run on every call (${size} steps, at most ${maxProgramSize}): use smaller repeat counts, e.g. \\d{1,20}`,
    );
  return { regex, problem: null };
}
