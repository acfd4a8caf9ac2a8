import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { flowNode } from '../document/FlowDocument.ts';
import { FakeChannel } from '../testing/FakeChannel.ts';
import { runTestNode } from '../testing/runTestNode.ts';
import { type NodeKind, nodeKinds } from './nodeKinds.ts';

// For every node kind and every string option, a node whose option uses {{vars.hostile}} runs with
// generated hostile values for that variable. Whatever happens, the step ends in time, takes one of
// its ports, and what reaches the fake Asterisk (or the web service) keeps the structure the author
// wrote; a refused value sends nothing at all. Options are found from the schemas, so a new node kind
// or option is covered without touching this file.

const variable = 'vars.hostile';
const reference = `{{${variable}}}`;
const secondsPerRun = 2;
/** Widgets whose text the inspector offers {{variables}} in (or, for sounds, renders them too). */
const templatedWidgets = new Set(['template', 'multiline', 'sound', 'speechText']);

type JsonSchema = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  default?: unknown;
  examples?: unknown[];
  minimum?: number;
  minItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  widget?: string;
};
type Path = readonly (string | number)[];

/** The smallest value a schema accepts, filled from its default or first example where it has one. */
function minimal(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (schema.examples?.[0] !== undefined) return schema.examples[0];
  if (schema.enum !== undefined) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants !== undefined) return minimal(variants.find((v) => v.type !== 'null') ?? variants[0] ?? {});
  switch (schema.type) {
    case 'string':
      return 'x';
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return schema.minItems ? [minimal(schema.items ?? {})] : [];
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((key) => [key, minimal(schema.properties?.[key] ?? {})]),
      );
    default:
      return null;
  }
}

/** Whether a current value is an instance of this union variant (its `const` properties agree). */
function fitsVariant(variant: JsonSchema, current: unknown): boolean {
  if (variant.type === 'null') return current === null;
  if (variant.type === 'string') return typeof current === 'string';
  if (variant.type !== 'object' || current === null || typeof current !== 'object') return false;
  return Object.entries(variant.properties ?? {}).every(
    ([key, property]) =>
      property.const === undefined || (current as Record<string, unknown>)[key] === property.const,
  );
}

interface StringSlot {
  readonly path: Path;
  /** The value at this level with `text` in the slot, the rest as it was. */
  build(text: string): unknown;
  /** The text the slot holds now, if any (a starting point for placing the reference). */
  readonly current: string | undefined;
  readonly widget: string | undefined;
}

/** Every string reachable in a schema (each union variant, the first item of each list). */
function* stringSlots(schema: JsonSchema, current: unknown, path: Path = []): Generator<StringSlot> {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants !== undefined) {
    for (const variant of variants) {
      const base = fitsVariant(variant, current) ? current : minimal(variant);
      yield* stringSlots(variant, base, path);
    }
    return;
  }
  if (schema.type === 'string' && schema.enum === undefined && schema.const === undefined) {
    yield {
      path,
      build: (text) => text,
      current: typeof current === 'string' ? current : undefined,
      widget: schema.widget,
    };
    return;
  }
  if (schema.type === 'object') {
    const object = (current ?? minimal(schema)) as Record<string, unknown>;
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      for (const slot of stringSlots(property, object[key], [...path, key])) {
        yield { ...slot, build: (text) => ({ ...object, [key]: slot.build(text) }) };
      }
    }
    return;
  }
  if (schema.type === 'array' && schema.items !== undefined) {
    const list = Array.isArray(current) ? current : [];
    for (const slot of stringSlots(schema.items, list[0], [...path, 0])) {
      yield { ...slot, build: (text) => [slot.build(text), ...list.slice(1)] };
    }
  }
}

/** Ways to place the reference into text the author might have written there. */
function placements(current: string | undefined): string[] {
  const text = current ?? 'x';
  const inside = [...text.matchAll(/[/=:.-]/g)].map(
    (match) => text.slice(0, (match.index ?? 0) + 1) + reference + text.slice((match.index ?? 0) + 1),
  );
  return [...new Set([reference, text + reference, reference + text, ...inside])];
}

interface Case {
  readonly kind: NodeKind;
  readonly path: string;
  readonly widget: string | undefined;
  readonly node: { id: string; kind: NodeKind; options: unknown };
}

function casesFor(kind: NodeKind): Case[] {
  const definition = nodeKinds[kind];
  const schema = z.toJSONSchema(definition.options, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const cases: Case[] = [];
  for (const slot of stringSlots(schema, definition.starterOptions)) {
    for (const text of placements(slot.current)) {
      const node = { id: 'hostile', kind, options: slot.build(text) };
      if (flowNode.safeParse(node).success)
        cases.push({ kind, path: slot.path.join('.'), widget: slot.widget, node });
    }
  }
  return cases;
}

const cases = (Object.keys(nodeKinds) as NodeKind[]).flatMap(casesFor);

const fragments = [
  '/',
  '@',
  ':',
  '.',
  '..',
  '../',
  '%2e%2e',
  ',',
  '&',
  '?',
  '#',
  ';',
  '|',
  '=',
  ' ',
  '"',
  '<',
  '>',
  '\\',
  '\n',
  '\r\n',
  '\u0000',
  '\u007f',
  '\u0085',
  '\u202e',
  '\u2028',
  '\uD800',
  '\uDC00',
  'é',
  '€',
  '😀',
  '{{',
  '}}',
  reference,
  '{{ caller.number }}',
  'http://127.0.0.1:18081/x.wav',
  'sip:+4490123456@carrier',
  '1001/sip:+4490123456@carrier',
  'PJSIP/1002',
  'Local/1@from-internal',
  'sound:hello-world',
  '1001',
  'sales',
];

const hostileValue = fc.oneof(
  fc.constantFrom(...fragments),
  fc.array(fc.constantFrom(...fragments, 'a', '1'), { maxLength: 8 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    maxLength: 40,
  }),
  // Long values: a repeated fragment up to 100,000 characters.
  fc
    .tuple(fc.constantFrom(...fragments, 'a', '1', '{{ '), fc.integer({ min: 1_000, max: 100_000 }))
    .map(([fragment, length]) => fragment.repeat(Math.ceil(length / fragment.length)).slice(0, length)),
);

// What may reach Asterisk, written out here rather than imported, so the test checks the code.
const soundName = '[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*';
const recordingName = '[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*(?:/[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*)*';
const tone = '[A-Za-z][A-Za-z0-9_]*|[!M0-9+*/|]+';
// Library prompts and spoken text: whole URIs from the prompt source (the fake's, with the text
// URL-encoded), never built by the flow from a value.
const promptSourceMedia =
  "sound:fake/[A-Za-z0-9_-]+/[A-Za-z_]+|sound:fake-speech/[A-Za-z_]+/[A-Za-z0-9%._~!*'()-]+";
const mediaItem = new RegExp(
  `^(?:sound:${soundName}|recording:${recordingName}|digits:[0-9*#+-]+|number:-?[0-9]+|characters:[\\x20-\\x2b\\x2d-\\x7e]+|tone:(?:${tone})|${promptSourceMedia})$`,
);
const token = /^[A-Za-z0-9_.+*#-]+$/;
const structure = {
  endpoint: /^[A-Za-z]+\/[A-Za-z0-9_.+*#-]+$/,
  callerId: /^[^<>"\\\p{Cc}\p{Cf}\p{Cs}]{0,120}$/u,
  recording: new RegExp(`^${recordingName}$`),
  device: /^Stasis:[A-Za-z0-9_.+*#-]+$/,
  headerValue: /^[\t\x20-\x7e\xa0-\xff]*$/,
  spokenText: /^[^\p{Cc}\p{Cs}]{1,2000}$/u,
};

/** The text at a dotted path, for naming a case. */
function getAt(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined),
      value,
    );
}

interface Sent {
  readonly url: string;
  readonly headers: Headers;
}

/** The shape of a URL the author's text fixes: origin, path segment count, query parameter names. */
function urlShape(url: string): string {
  const parsed = new URL(url);
  const segments = url.slice(parsed.origin.length).split(/[?#]/, 1)[0]?.split('/').length ?? 0;
  return JSON.stringify([parsed.origin, segments, [...parsed.searchParams.keys()]]);
}

async function run(node: Case['node'], value: string) {
  const sent: Sent[] = [];
  const fetchStub: typeof fetch = async (input, init) => {
    sent.push({ url: String(input), headers: new Headers(init?.headers) });
    return new Response('{}', { headers: { 'content-type': 'application/json' } });
  };
  const started = performance.now();
  const result = await runTestNode(node, {
    channel: new FakeChannel(['1', '#']),
    variables: { [variable]: value, 'caller.number': '1001', 'call.id': 'c-1' },
    fetch: fetchStub,
  });
  return { ...result, sent, seconds: (performance.now() - started) / 1000 };
}

describe('hostile values in every templated option of every node kind', () => {
  it('finds a case for every option shown as a template or sound', () => {
    for (const [kind, definition] of Object.entries(nodeKinds)) {
      const schema = z.toJSONSchema(definition.options, {
        io: 'input',
        unrepresentable: 'any',
      }) as JsonSchema;
      for (const slot of stringSlots(schema, definition.starterOptions)) {
        if (slot.widget === undefined || !templatedWidgets.has(slot.widget)) continue;
        const path = slot.path.join('.');
        expect(
          cases.some((c) => c.kind === kind && c.path === path),
          `${kind}.${path}`,
        ).toBe(true);
      }
    }
  });

  it.each(
    cases.map((c) => [`${c.kind} ${c.path} ${JSON.stringify(getAt(c.node.options, c.path))}`, c] as const),
  )(
    '%s',
    async (_name, { node }) => {
      const definition = nodeKinds[node.kind];
      const parsed = flowNode.parse(node);
      const ports = new Set([...definition.ports(parsed.options as never), 'ended']);
      const benign = await run(node, 'x');
      const benignShapes = benign.sent.map((request) => urlShape(request.url));

      await fc.assert(
        fc.asyncProperty(hostileValue, async (value) => {
          const result = await run(node, value);
          expect(result.seconds).toBeLessThan(secondsPerRun);
          expect([...ports]).toContain(result.port);
          const { channel } = result;

          if (result.port === 'error' || result.port === 'failed') {
            // Refused: nothing went to Asterisk or the web service, and the step says why.
            expect(channel.operations).toEqual([]);
            expect(result.sent).toEqual([]);
            expect(result.errors.length).toBeGreaterThan(0);
          }
          for (const media of channel.played.flat()) expect(media).toMatch(mediaItem);
          for (const { text } of result.prompts.speechRequests) expect(text).toMatch(structure.spokenText);
          for (const request of channel.dialed) {
            expect(request.endpoint).toMatch(structure.endpoint);
            if (request.callerId !== null) expect(request.callerId).toMatch(structure.callerId);
          }
          for (const request of channel.recorded) expect(request.name).toMatch(structure.recording);
          for (const request of channel.joined) expect(request.name).toMatch(token);
          for (const { device } of channel.deviceStates) expect(device).toMatch(structure.device);
          expect(result.sent.map((request) => urlShape(request.url))).toEqual(
            result.sent.length === 0 ? [] : benignShapes,
          );
          for (const request of result.sent)
            for (const [, headerValue] of request.headers) expect(headerValue).toMatch(structure.headerValue);
        }),
        { numRuns: 25 },
      );
    },
    120_000,
  );
});
