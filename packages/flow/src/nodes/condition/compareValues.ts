export const conditionOperators = [
  'equals',
  'notEquals',
  'matches',
  'lessThan',
  'greaterThan',
  'isEmpty',
  'isNotEmpty',
] as const;

type Operator = (typeof conditionOperators)[number];

function asNumber(text: string): number | null {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) ? value : null;
}

/** Compares two rendered values. Numeric comparisons of non-numbers are false, with a reason. */
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
    case 'matches':
      try {
        return { value: new RegExp(right).test(left), error: null };
      } catch {
        return { value: false, error: `"${right}" is not a valid regular expression` };
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
