import { z } from 'zod';
import { type UnwrappedSchema, unwrapSchema } from './fieldLabel.ts';

/**
 * What a parse's own error map answers for every issue: a schema's own message (e.g. "name the
 * recording") wins over it, so an issue carrying this marker has no words yet and gets issueWords'.
 */
export const wordlessIssue = '\u0000wordless';

const number = (n: number) => n.toLocaleString('en-US');

function plural(count: number, noun: string): string {
  return `${number(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** Bounds a number may reach (the ±2^53 of `.int()` is no bound a person sets). */
function bound(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < Number.MAX_SAFE_INTEGER
    ? value
    : null;
}

/** "use a whole number from 1 to 60", from the number schema's own bounds. */
function numberWords(schema: z.core.$ZodType): string {
  const whole = schema instanceof z.ZodNumber && schema.isInt === true;
  const kind = whole ? 'a whole number' : 'a number';
  const min = schema instanceof z.ZodNumber ? bound(schema.minValue) : null;
  const max = schema instanceof z.ZodNumber ? bound(schema.maxValue) : null;
  if (min !== null && max !== null) return `use ${kind} from ${number(min)} to ${number(max)}`;
  if (min !== null) return `use ${kind} of ${number(min)} or more`;
  if (max !== null) return `use ${kind} of ${number(max)} or less`;
  return `use ${kind}`;
}

/** What a list's items are called: "choice", or "item". */
function itemNoun(schema: z.core.$ZodType): string {
  const def = schema._zod.def;
  const title = 'element' in def ? unwrapSchema(def.element as z.core.$ZodType).meta.title : undefined;
  return title === undefined ? 'item' : /^[A-Z][A-Z]/.test(title) ? title : title.toLowerCase();
}

/** "0, 1 or #" */
function orList(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

/** The titles of a discriminated union's variants ("Sound, Recording, ..."), or [] for another schema. */
function variantTitles(schema: z.core.$ZodType): string[] {
  const def = schema._zod.def;
  if (def.type !== 'union' || !('options' in def) || !Array.isArray(def.options)) return [];
  const options: readonly z.core.$ZodType[] = def.options;
  return options.flatMap((option) => {
    const title = unwrapSchema(option).meta.title;
    return title === undefined ? [] : [title];
  });
}

/**
 * What to do about a schema issue that has no message of its own, in the form's words: "use a whole
 * number from 1 to 60", "choose one of 0, 1, … or #", "fill this in". `field` is the schema at the
 * issue's path and `value` what the document holds there (undefined when missing).
 */
export function issueWords(issue: z.core.$ZodIssue, field: UnwrappedSchema, value: unknown): string {
  const { schema, meta } = field;
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'fill this in';
      if (issue.expected === 'number' || issue.expected === 'int') return numberWords(schema);
      if (issue.expected === 'string') return 'write text here';
      if (issue.expected === 'boolean') return 'choose yes or no';
      if (issue.expected === 'array') return 'this should be a list';
      if (issue.expected === 'object') return 'this should be a group of fields';
      return 'this value has the wrong type';
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = Number(small ? issue.minimum : issue.maximum);
      if (issue.origin === 'number' || issue.origin === 'int') return numberWords(schema);
      if (issue.origin === 'string')
        return small
          ? limit <= 1
            ? 'fill this in'
            : `use at least ${plural(limit, 'character')}`
          : `use at most ${plural(limit, 'character')}`;
      if (issue.origin === 'array')
        return small
          ? `add at least ${limit <= 1 ? `one ${itemNoun(schema)}` : plural(limit, itemNoun(schema))}`
          : `keep at most ${plural(limit, itemNoun(schema))}`;
      return small ? 'this is too small' : 'this is too big';
    }
    case 'invalid_value': {
      const labels = meta.enumLabels ?? {};
      const values = issue.values.map((v) => labels[String(v)] ?? String(v));
      return values.length === 1 ? `use ${values[0]}` : `choose one of ${orList(values)}`;
    }
    case 'invalid_union': {
      const titles = variantTitles(schema);
      return titles.length > 0 ? `choose one of ${orList(titles)}` : 'this value is not one that fits here';
    }
    case 'unrecognized_keys':
      return issue.keys
        .map((key) => `there is a field “${key}” that Callflow does not know: remove it`)
        .join('; ');
    case 'not_multiple_of':
      return `use a multiple of ${String(issue.divisor)}`;
    case 'invalid_format':
      return 'this is not written the way it should be';
    default:
      return 'this value is not allowed here';
  }
}
