import type { FieldShape, OptionField } from './optionFields.ts';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value an added list row (or a switched-to variant) starts with: the schema's defaults, and
 * otherwise the emptiest value of the right type, for validation to point at. `siblings` are the
 * rows already there, so an enum that must differ between rows (a menu digit) takes the next free
 * value: after choices 1 and 2 comes 3.
 */
export function newValue(shape: FieldShape, siblings: readonly unknown[] = []): unknown {
  switch (shape.type) {
    case 'text':
      return '';
    case 'number':
    case 'json':
      return undefined;
    case 'boolean':
      return false;
    case 'enum':
      return nextFreeChoice(
        shape.choices.map((choice) => choice.value),
        siblings,
      );
    case 'enumSet':
    case 'list':
      return [];
    case 'object':
      return newObject(shape.fields, siblings);
    case 'variants': {
      const [first] = shape.variants;
      if (first === undefined) return {};
      return { [shape.discriminator]: first.value, ...newObject(first.fields, []) };
    }
  }
}

/** A field's starting value: its default, null for an optional nullable field, else by its type. */
export function newFieldValue(field: OptionField, siblings: readonly unknown[] = []): unknown {
  if (field.defaultValue !== undefined) return structuredClone(field.defaultValue);
  if (field.nullLabel !== null) return null;
  return newValue(field.shape, siblings);
}

function newObject(fields: readonly OptionField[], siblings: readonly unknown[]): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const field of fields) {
    const used = siblings.flatMap((sibling) => (isRecord(sibling) ? [sibling[field.key]] : []));
    const start = newFieldValue(field, used);
    if (start !== undefined) value[field.key] = start;
  }
  return value;
}

function nextFreeChoice(values: readonly string[], used: readonly unknown[]): string | undefined {
  const taken = new Set(used);
  const last = Math.max(-1, ...used.map((value) => (typeof value === 'string' ? values.indexOf(value) : -1)));
  for (let step = 1; step <= values.length; step++) {
    const candidate = values[(last + step) % values.length];
    if (candidate !== undefined && !taken.has(candidate)) return candidate;
  }
  return values[0];
}
