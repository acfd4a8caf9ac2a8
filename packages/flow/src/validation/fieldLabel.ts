import { z } from 'zod';

type Schema = z.core.$ZodType;
type Meta = z.core.GlobalMeta;

/** Wrappers that hold one inner schema and add nothing a person fills in. */
const wrappers = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** A schema with its wrappers (optional, default, pipe...) taken off, and the metadata found on the way. */
export interface UnwrappedSchema {
  readonly schema: Schema;
  /** The outermost title, enum labels... (a `.meta()` may sit on a wrapper, e.g. after `.default()`). */
  readonly meta: Meta;
}

export function unwrapSchema(schema: Schema): UnwrappedSchema {
  let current = schema;
  let meta: Meta = {};
  for (let depth = 0; depth < 32; depth++) {
    meta = { ...z.globalRegistry.get(current), ...meta };
    const def = current._zod.def;
    if (wrappers.has(def.type) && 'innerType' in def) current = def.innerType as Schema;
    else if (def.type === 'pipe' && 'in' in def) current = def.in as Schema;
    else if (def.type === 'lazy' && 'getter' in def && typeof def.getter === 'function')
      current = def.getter() as Schema;
    else break;
  }
  return { schema: current, meta };
}

/** `timeoutSeconds` → "Timeout seconds", as the inspector names an option without a title. */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words === '' ? key : `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/** "Choice" → "choice" inside a sentence, but "URL" stays "URL". */
function lowerFirst(text: string): string {
  return /^[A-Z][A-Z]/.test(text) ? text : `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The variant of a discriminated union that `value` is (by its discriminator), if any. */
function variantOf(schema: Schema, value: unknown): Schema | undefined {
  const def = schema._zod.def;
  if (def.type !== 'union' || !('options' in def) || !Array.isArray(def.options)) return;
  const options: readonly Schema[] = def.options;
  const key = 'discriminator' in def && typeof def.discriminator === 'string' ? def.discriminator : null;
  if (key === null || !isRecord(value)) return;
  return options.find((option) => {
    const { schema: object } = unwrapSchema(option);
    const shape =
      object._zod.def.type === 'object' && 'shape' in object._zod.def ? object._zod.def.shape : {};
    const literal = isRecord(shape) ? shape[key] : undefined;
    const values = (literal as Schema | undefined)?._zod.values;
    return values?.has(value[key] as string) === true;
  });
}

/** Where a path into a value leads in its schema: the form's labels on the way, and the schema reached. */
export interface FieldAtPath {
  /** "Choices", "choice 2", "Digit": one per path segment that the form shows. */
  readonly labels: readonly string[];
  /** The schema at the end of the path, or the last one reached when the path leaves the schema. */
  readonly schema: UnwrappedSchema;
  /** Whether the whole path was found in the schema. */
  readonly complete: boolean;
}

/**
 * Walks `path` through `root` (and the value it describes, which picks a discriminated union's variant)
 * and names each step as the inspector's form does: an option by its title, a list item by its item's
 * title and number ("choice 2"). A step the schema does not know ends the walk.
 */
export function fieldAtPath(root: Schema, value: unknown, path: readonly PropertyKey[]): FieldAtPath {
  const labels: string[] = [];
  let current = unwrapSchema(root);
  let currentValue = value;
  let index = 0;
  for (let guard = 0; index < path.length && guard < 4 * path.length + 8; guard++) {
    const segment = path[index];
    const def = current.schema._zod.def;
    const variant = variantOf(current.schema, currentValue);
    if (variant !== undefined) {
      current = unwrapSchema(variant);
      continue;
    }
    if (def.type === 'object' && 'shape' in def && isRecord(def.shape) && typeof segment === 'string') {
      const field = Object.hasOwn(def.shape, segment) ? (def.shape[segment] as Schema) : undefined;
      if (field === undefined) break;
      current = unwrapSchema(field);
      labels.push(current.meta.title ?? humanizeKey(segment));
      currentValue = isRecord(currentValue) ? currentValue[segment] : undefined;
    } else if (def.type === 'array' && 'element' in def && typeof segment === 'number') {
      current = unwrapSchema(def.element as Schema);
      labels.push(`${lowerFirst(current.meta.title ?? 'Item')} ${segment + 1}`);
      currentValue = Array.isArray(currentValue) ? currentValue[segment] : undefined;
    } else break;
    index++;
  }
  // A union's variant has its own title (a prompt that is a Recording); the field inside names it.
  return { labels, schema: current, complete: index === path.length };
}

/** The form's label of the field at `path` in a schema: "Choices › choice 2 › Digit" ('' for the root). */
export function fieldLabel(root: Schema, value: unknown, path: readonly PropertyKey[]): string {
  return fieldAtPath(root, value, path).labels.join(' › ');
}
