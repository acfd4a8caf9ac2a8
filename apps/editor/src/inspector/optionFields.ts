import { languageCodePattern, type NodeKind, nodeKinds } from '@callflow/flow';
import { type GlobalMeta, z } from 'zod';
import { type JsonSchemaNode, jsonSchemaNode } from './jsonSchemaNode.ts';

/**
 * The widgets node kinds may ask for (typed in @callflow/flow's option metadata), plus the default and
 * `language`, which the form gives every language code (known by the flow package's pattern).
 */
export type TextWidget = NonNullable<GlobalMeta['widget']> | 'plain' | 'language';
// A Record so that a widget added to the flow package fails to compile here until the form knows it.
const knownWidgets: Record<TextWidget, true> = {
  plain: true,
  sound: true,
  template: true,
  multiline: true,
  timeZone: true,
  date: true,
  libraryPrompt: true,
  speechText: true,
  voice: true,
  endpoint: true,
  deviceName: true,
  language: true,
};

export interface Choice {
  readonly value: string;
  readonly label: string;
}

export interface Variant {
  /** The discriminator's value, e.g. `sound`. */
  readonly value: string;
  readonly title: string;
  readonly description: string | undefined;
  /** The variant's fields, without the discriminator. */
  readonly fields: readonly OptionField[];
}

export type FieldShape =
  | {
      readonly type: 'text';
      readonly widget: TextWidget;
      readonly maxLength: number | undefined;
    }
  | {
      readonly type: 'number';
      readonly integer: boolean;
      readonly min: number | undefined;
      readonly max: number | undefined;
    }
  | { readonly type: 'boolean' }
  | { readonly type: 'enum'; readonly choices: readonly Choice[] }
  /** An array of enum values, e.g. weekdays: one checkbox each. */
  | { readonly type: 'enumSet'; readonly choices: readonly Choice[] }
  | {
      readonly type: 'list';
      readonly item: FieldShape;
      /** One item's name, e.g. "Choice" for "Add choice" and "Choice 2". */
      readonly itemTitle: string;
      readonly maxItems: number | undefined;
    }
  | { readonly type: 'object'; readonly fields: readonly OptionField[] }
  | { readonly type: 'variants'; readonly discriminator: string; readonly variants: readonly Variant[] }
  /** Anything else: edited as JSON, so a new kind with an unusual option still has a form. */
  | { readonly type: 'json' };

export interface OptionField {
  readonly key: string;
  readonly title: string;
  readonly description: string | undefined;
  /** Whether parsing needs a value; a field that is not required falls back to `defaultValue`. */
  readonly required: boolean;
  /** The value the schema uses when the field is missing; undefined when it has none. */
  readonly defaultValue: unknown;
  /** Set when null is allowed: the label of the "off" state, e.g. "No limit". */
  readonly nullLabel: string | null;
  /** From the schema's `examples`: shown as a placeholder, and the value a nullable field starts with. */
  readonly example: unknown;
  readonly shape: FieldShape;
}

/** `timeoutSeconds` → "Timeout seconds": a readable fallback for options without a title. */
export function humanize(name: string): string {
  if (/^[A-Z0-9_]+$/.test(name) && /[A-Z]/.test(name)) return name;
  const words = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words === '' ? name : `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

function types(node: JsonSchemaNode): readonly string[] {
  if (node.type === undefined) return [];
  return typeof node.type === 'string' ? [node.type] : node.type;
}

function isNullSchema(node: JsonSchemaNode): boolean {
  return (
    node.type === 'null' || (Array.isArray(node.type) && node.type.length === 1 && node.type[0] === 'null')
  );
}

function choicesOf(node: JsonSchemaNode): Choice[] | null {
  const values = node.enum ?? (typeof node.const === 'string' ? [node.const] : undefined);
  if (values === undefined || values.length === 0) return null;
  const strings = values.filter((value) => typeof value === 'string');
  if (strings.length !== values.length) return null;
  return strings.map((value) => ({ value, label: node.enumLabels?.[value] ?? humanize(value) }));
}

/** The annotations of a wrapper and what it wraps, the wrapper's winning (it is the more specific use). */
function annotations(outer: JsonSchemaNode, inner: JsonSchemaNode): JsonSchemaNode {
  const merged: JsonSchemaNode = { ...inner };
  for (const key of ['title', 'description', 'widget', 'enumLabels', 'nullLabel', 'examples'] as const)
    if (outer[key] !== undefined) Object.assign(merged, { [key]: outer[key] });
  return merged;
}

/** The one property that is a string constant in every variant, e.g. a prompt's `type`. */
function discriminatorOf(variants: readonly JsonSchemaNode[]): string | null {
  const [first] = variants;
  for (const key of Object.keys(first?.properties ?? {})) {
    const values = variants.map((variant) => variant.properties?.[key]?.const);
    if (values.every((value) => typeof value === 'string') && new Set(values).size === values.length)
      return key;
  }
  return null;
}

function objectFields(node: JsonSchemaNode, without: string | null = null): OptionField[] {
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties ?? {})
    .filter(([key]) => key !== without)
    .map(([key, property]) => fieldOf(key, property, required.has(key)));
}

function shapeOf(node: JsonSchemaNode): FieldShape {
  const union = node.oneOf ?? node.anyOf;
  if (union !== undefined) {
    const discriminator = discriminatorOf(union);
    if (discriminator === null || !union.every((variant) => types(variant).includes('object')))
      return { type: 'json' };
    return {
      type: 'variants',
      discriminator,
      variants: union.map((variant) => {
        const value = String(variant.properties?.[discriminator]?.const);
        return {
          value,
          title: variant.title ?? humanize(value),
          description: variant.description,
          fields: objectFields(variant, discriminator),
        };
      }),
    };
  }
  const choices = choicesOf(node);
  if (choices !== null) return { type: 'enum', choices };
  const [type] = types(node).filter((name) => name !== 'null');
  switch (type) {
    case 'string':
      return {
        type: 'text',
        widget:
          node.widget === undefined && node.pattern === languageCodePattern.source
            ? 'language'
            : textWidget(node.widget),
        maxLength: node.maxLength,
      };
    case 'number':
    case 'integer':
      return {
        type: 'number',
        integer: type === 'integer',
        min: node.minimum ?? node.exclusiveMinimum,
        max: node.maximum ?? node.exclusiveMaximum,
      };
    case 'boolean':
      return { type: 'boolean' };
    case 'object':
      return { type: 'object', fields: objectFields(node) };
    case 'array': {
      if (node.items === undefined) return { type: 'json' };
      const itemChoices = choicesOf(node.items);
      if (itemChoices !== null) return { type: 'enumSet', choices: itemChoices };
      return {
        type: 'list',
        item: shapeOf(node.items),
        itemTitle: node.items.title ?? 'Item',
        maxItems: node.maxItems,
      };
    }
    default:
      return { type: 'json' };
  }
}

function textWidget(name: string | undefined): TextWidget {
  return Object.keys(knownWidgets).find((known): known is TextWidget => known === name) ?? 'plain';
}

function fieldOf(key: string, node: JsonSchemaNode, required: boolean): OptionField {
  const members = node.anyOf ?? node.oneOf;
  const nonNull = members?.filter((member) => !isNullSchema(member)) ?? [];
  // `nullable()` is written as anyOf [the type, null]: the form shows the type with an off switch.
  const nullable =
    members !== undefined && nonNull.length < members.length ? true : types(node).includes('null');
  const inner =
    members !== undefined && nonNull.length === 1 && nonNull[0] !== undefined
      ? annotations(node, nonNull[0])
      : nullable && members !== undefined
        ? { ...node, anyOf: undefined, oneOf: nonNull }
        : node;
  return {
    key,
    title: inner.title ?? humanize(key),
    description: inner.description,
    required,
    defaultValue: node.default,
    nullLabel: nullable ? (inner.nullLabel ?? 'None') : null,
    example: inner.examples?.[0],
    shape: shapeOf(inner),
  };
}

const cache = new Map<NodeKind, readonly OptionField[]>();

/**
 * The form of a node kind's options, read from the JSON Schema of its zod schema (titles, help and
 * widgets come from the `.meta()` of each option), so a new kind needs no form code.
 */
export function optionFields(kind: NodeKind): readonly OptionField[] {
  const cached = cache.get(kind);
  if (cached !== undefined) return cached;
  const parsed = jsonSchemaNode.safeParse(
    z.toJSONSchema(nodeKinds[kind].options, { io: 'input', unrepresentable: 'any' }),
  );
  // The schema comes from this very bundle: a failure is a bug in the form, not in the person's flow.
  if (!parsed.success) throw new Error(`the options schema of node kind "${kind}" cannot be read as a form`);
  const fields = objectFields(parsed.data);
  cache.set(kind, fields);
  return fields;
}
