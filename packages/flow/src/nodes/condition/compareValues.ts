import { conditionPattern } from './conditionPattern.ts';

export const conditionOperators = [
  'equals',
  'notEquals',
  'matches',
  'lessThan',
  'greaterThan',
  'isEmpty',
  'isNotEmpty',
] as const;

/**
 * Longest text a "matches" condition reads. Matching is linear, but its cost is the pattern's size
 * times this; a longer value (e.g. a whole HTTP answer) is more likely a mistake than a caller's input.
 */
export const maxMatchedLength = 1000;

type Operator = (typeof conditionOperators)[number];

function asNumber(text: string): number | null {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) ? value : null;
}

/**
 * Compares two rendered values; for "matches", `right` is the pattern as written, never rendered.
 * Numeric comparisons of non-numbers, and patterns or values refused for "matches", are false with a reason.
 */
export function compareValues(
  left: string,
  operator: Operator,
  right: string,
): { value: boolean; error: string | null } {
  switch (operator) {
    case 'equals':
      return { value: left === right, error: null };
    case 'notEquals':
      return { value: left !== right, error: null };
    case 'isEmpty':
      return { value: left.trim() === '', error: null };
    case 'isNotEmpty':
      return { value: left.trim() !== '', error: null };
    case 'matches': {
      const pattern = conditionPattern(right);
      if (pattern.problem !== null) return { value: false, error: pattern.problem };
      if (left.length > maxMatchedLength)
        return {
          value: false,
          error: `the value to match is ${left.length.toLocaleString('en-US')} characters long; "matches regular expression" reads at most ${maxMatchedLength.toLocaleString('en-US')}`,
        };
      return { value: pattern.regex.test(left), error: null };
    }
    case 'lessThan':
    case 'greaterThan': {
      const a = asNumber(left);
      const b = asNumber(right);
      if (a === null || b === null)
        return { value: false, error: `cannot compare "${left}" and "${right}" as numbers` };
      return { value: operator === 'lessThan' ? a < b : a > b, error: null };
    }
  }
}
