import { nodeKindNames, nodeKinds } from '@callflow/flow';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonSchemaNode } from './jsonSchemaNode.ts';
import { newValue } from './newValue.ts';
import { humanize, type OptionField, optionFields } from './optionFields.ts';

function field(kind: Parameters<typeof optionFields>[0], key: string): OptionField {
  const found = optionFields(kind).find((candidate) => candidate.key === key);
  if (found === undefined) throw new Error(`${kind} has no option ${key}`);
  return found;
}

describe('optionFields', () => {
  it('reads numbers with their limits, defaults and metadata', () => {
    expect(field('menu', 'timeoutSeconds')).toMatchObject({
      title: 'Timeout (seconds)',
      description: 'How long to wait for the first digit',
      required: false,
      defaultValue: 5,
      nullLabel: null,
      shape: { type: 'number', integer: false, min: 1, max: 60 },
    });
    expect(field('menu', 'retries').shape).toMatchObject({ type: 'number', integer: true });
  });

  it('reads a nullable field as its type with an off label', () => {
    expect(field('menu', 'language')).toMatchObject({
      nullLabel: "Caller's language",
      defaultValue: null,
      example: 'en',
      // Every language code gets the language input (known by the flow package's pattern).
      shape: { type: 'text', widget: 'language' },
    });
    expect(field('bridge', 'leaveOnDigit')).toMatchObject({ nullLabel: 'No key', shape: { type: 'enum' } });
  });

  it('reads prompts as a list of variants keyed by type, with widgets', () => {
    const { shape } = field('play', 'prompts');
    if (shape.type !== 'list' || shape.item.type !== 'variants')
      throw new Error('prompts are not a list of variants');
    expect(shape.itemTitle).toBe('Prompt');
    expect(shape.item.discriminator).toBe('type');
    expect(shape.item.variants.map((variant) => variant.value)).toEqual([
      'sound',
      'recording',
      'digits',
      'number',
      'characters',
      'tone',
      'library',
      'say',
    ]);
    expect(shape.item.variants[0]?.fields).toMatchObject([
      { key: 'name', shape: { type: 'text', widget: 'sound' } },
    ]);
    const [library, say] = shape.item.variants.slice(-2);
    expect(library).toMatchObject({
      title: 'My prompt',
      fields: [{ key: 'promptId', shape: { type: 'text', widget: 'libraryPrompt' } }],
    });
    expect(say?.title).toBe('Say (text to speech)');
    expect(say?.fields).toMatchObject([
      { key: 'text', shape: { type: 'text', widget: 'speechText' } },
      { key: 'language', nullLabel: "The flow's language" },
      { key: 'voice', defaultValue: null, shape: { type: 'text', widget: 'voice' } },
      { key: 'translations', shape: { type: 'list', item: { type: 'object' } } },
    ]);
  });

  it('reads weekdays as an enum set with readable labels', () => {
    const { shape } = field('timeOfDay', 'ranges');
    if (shape.type !== 'list' || shape.item.type !== 'object')
      throw new Error('ranges are not a list of objects');
    expect(shape.item.fields[0]?.shape).toMatchObject({
      type: 'enumSet',
      choices: expect.arrayContaining([{ value: 'mon', label: 'Mon' }]),
    });
  });

  it('falls back to readable names for options without metadata', () => {
    expect(humanize('timeoutSeconds')).toBe('Timeout seconds');
    expect(humanize('no_answer')).toBe('No answer');
    expect(humanize('GET')).toBe('GET');
  });
});

describe('newValue', () => {
  it('starts a new menu choice on the digit after the last one used', () => {
    const { shape } = field('menu', 'choices');
    if (shape.type !== 'list') throw new Error('choices are not a list');
    expect(newValue(shape.item, [])).toEqual({ digit: '0', label: '' });
    expect(newValue(shape.item, [{ digit: '1' }, { digit: '2' }])).toEqual({ digit: '3', label: '' });
    expect(newValue(shape.item, [{ digit: '#' }, { digit: '0' }])).toEqual({ digit: '1', label: '' });
  });
});

// Walked on the JSON Schema itself so that a new kind's options are held to the same standard.
describe.each(nodeKindNames)('the %s options metadata', (kind) => {
  it('gives every option, however deep, a title and one line of help', () => {
    const schema = jsonSchemaNode.parse(
      z.toJSONSchema(nodeKinds[kind].options, { io: 'input', unrepresentable: 'any' }),
    );
    const missing: string[] = [];
    const visit = (node: typeof schema, path: string) => {
      const variants = node.oneOf ?? node.anyOf ?? [];
      for (const variant of variants) visit(variant, path);
      if (node.items !== undefined) visit(node.items, `${path}[]`);
      for (const [key, property] of Object.entries(node.properties ?? {})) {
        if (property.const !== undefined) continue; // a variant's discriminator, shown as its type select
        const title = property.title ?? property.anyOf?.[0]?.title;
        const help = property.description ?? property.anyOf?.[0]?.description;
        if (title === undefined || help === undefined || help.includes('\n')) missing.push(`${path}.${key}`);
        visit(property, `${path}.${key}`);
      }
    };
    visit(schema, kind);
    expect(missing).toEqual([]);
  });
});
