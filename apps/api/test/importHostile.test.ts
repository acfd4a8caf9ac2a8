// Property-based: hostile flow files (wrong kinds, missing fields, wrong types, unknown fields, huge
// strings, deep nesting, busy loops, dangling connections, bad versions, random JSON) sent to
// POST /api/flows/import and PUT /api/flows/:id/draft. Never a 500. What is not a flow draft (the
// draft shape bounds kinds, sizes, counts and nesting) is refused with a 400 that lists problems and
// changes nothing. What still has the draft shape (a field out of range, a dangling connection) is
// kept as a draft with its problems listed, as the editor's own half-done drafts are: never valid,
// never a version, read back as stored.
import { flowDocument, nodeKindNames, toFlowExport } from '@callflow/flow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogCounts, type FlowView, menuFlow, useFlowTestSession } from './flowTestSession.ts';
import { testEngines } from './startTestApi.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = readonly (string | number)[];

interface Case {
  readonly body: Json;
  readonly query: string;
  /** What was done to the valid file, for the failure message. */
  readonly what: string;
}

/** A valid document with every option default written out, so that every field can be attacked. */
const validDocument = JSON.parse(JSON.stringify(flowDocument.parse(menuFlow()))) as { [key: string]: Json };
const validFile = JSON.parse(JSON.stringify(toFlowExport('Hostile base', validDocument))) as {
  [key: string]: Json;
};

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every path below `value` (not the root itself), parents before children. */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  const children: [string | number, Json][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : isObject(value)
      ? Object.entries(value)
      : [];
  return children.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

function at(root: Json, path: Path): Json | undefined {
  let current: Json | undefined = root;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isObject(current) && typeof key === 'string') current = current[key];
    else return undefined;
  }
  return current;
}

/** A copy of `root` with `change` applied to the value at `path`'s parent. */
function edit(
  root: Json,
  path: Path,
  change: (parent: Json[] | { [key: string]: Json }, key: string | number) => void,
): Json {
  const copy = structuredClone(root);
  const parent = at(copy, path.slice(0, -1));
  const key = path.at(-1);
  if (key !== undefined && (Array.isArray(parent) || isObject(parent))) change(parent, key);
  return copy;
}

function replaceAt(root: Json, path: Path, value: Json): Json {
  return edit(root, path, (parent, key) => {
    (parent as Record<string | number, Json>)[key] = value;
  });
}

function kindOf(value: Json | undefined): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

const smallJson: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;

/** A JSON value of a different kind than `original` (never accepted where `original` was valid). */
function otherKind(original: Json | undefined): fc.Arbitrary<Json> {
  return smallJson.filter((value) => {
    const kind = kindOf(value);
    // A string field may be nullable (e.g. `language`), so a string never replaces null.
    return kind !== kindOf(original) && !(kindOf(original) === 'null' && kind === 'string');
  });
}

const allPaths = pathsOf(validFile);
const objectPaths: Path[] = [[], ...allPaths.filter((path) => isObject(at(validFile, path) ?? null))];
/** Fields without a default: leaving one out is an error wherever it appears in this file. */
const requiredKeys = new Set([
  'format',
  'schemaVersion',
  'name',
  'document',
  'nodes',
  'edges',
  'id',
  'kind',
  'options',
  'source',
  'port',
  'target',
  'type',
  'value',
  'prompts',
  'choices',
  'digit',
]);
const requiredPaths = allPaths.filter((path) => {
  const key = path.at(-1);
  return typeof key === 'string' && requiredKeys.has(key);
});
const nodeCount = (validDocument.nodes as Json[]).length;
const nodeIds = (validDocument.nodes as { id: string }[]).map((node) => node.id);

function withDocument(change: (document: { nodes: Json[]; edges: Json[] }) => void): Json {
  const file = structuredClone(validFile);
  change(file.document as unknown as { nodes: Json[]; edges: Json[] });
  return file;
}

const plain = (body: Json, what: string): Case => ({ body, query: '', what });

/** Kinds of damage that break the document's schema (also refused as a draft). */
const schemaDamage: fc.Arbitrary<Case>[] = [
  fc
    .constantFrom(...allPaths.filter((path) => path[0] === 'document' && path.length > 1))
    .chain((path) => otherKind(at(validFile, path)).map((value) => ({ path, value })))
    .map(({ path, value }) => plain(replaceAt(validFile, path, value), `wrong type at ${path.join('.')}`)),
  fc.constantFrom(...requiredPaths.filter((path) => path[0] === 'document' && path.length > 1)).map((path) =>
    plain(
      edit(validFile, path, (parent, key) => {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
      }),
      `missing ${path.join('.')}`,
    ),
  ),
  fc
    .tuple(
      fc.integer({ min: 0, max: nodeCount - 1 }),
      fc.string({ maxLength: 40 }).filter((kind) => !(nodeKindNames as string[]).includes(kind)),
    )
    .map(([index, kind]) =>
      plain(replaceAt(validFile, ['document', 'nodes', index, 'kind'], kind), `unknown kind "${kind}"`),
    ),
  fc
    .tuple(
      fc.constantFrom(...objectPaths.filter((path) => path[0] === 'document')),
      fc.string({ maxLength: 20 }),
      smallJson,
    )
    .map(([path, key, value]) =>
      plain(
        replaceAt(validFile, [...path, `x-${key}`], value),
        `unknown field x-${key} in ${path.join('.')}`,
      ),
    ),
  fc
    .tuple(
      fc.constantFrom(
        { path: ['document', 'nodes', 1, 'label'], max: 80 },
        { path: ['document', 'nodes', 2, 'id'], max: 64 },
        { path: ['document', 'edges', 0, 'id'], max: 128 },
        { path: ['document', 'edges', 3, 'port'], max: 32 },
        { path: ['document', 'nodes', 2, 'options', 'prompts', 0, 'name'], max: 200 },
        { path: ['document', 'nodes', 3, 'options', 'prompts', 0, 'value'], max: 200 },
      ),
      fc.integer({ min: 1, max: 300_000 }),
      fc.constantFrom('x', 'é', '9', ' '),
    )
    .map(([{ path, max }, extra, char]) =>
      plain(
        replaceAt(validFile, path, char.repeat(max + extra)),
        `${max + extra} characters at ${path.join('.')}`,
      ),
    ),
  fc
    .tuple(fc.integer({ min: 0, max: nodeCount - 1 }), fc.integer({ min: 50, max: 3000 }))
    .map(([index, depth]) => {
      let nested: Json = 'bottom';
      for (let level = 0; level < depth; level++) nested = level % 2 === 0 ? [nested] : { deeper: nested };
      return plain(
        replaceAt(validFile, ['document', 'nodes', index, 'options', 'nested'], nested),
        `depth ${depth}`,
      );
    }),
];

/** Kinds of damage to the file or the graph: a valid-looking document that must still be refused. */
const fileDamage: fc.Arbitrary<Case>[] = [
  fc
    .constantFrom(...allPaths.filter((path) => path[0] !== 'document' || path.length === 1))
    .chain((path) => otherKind(at(validFile, path)).map((value) => ({ path, value })))
    .map(({ path, value }) => plain(replaceAt(validFile, path, value), `wrong type at ${path.join('.')}`)),
  fc.constantFrom('format', 'schemaVersion', 'name', 'document').map((key) =>
    plain(
      edit(validFile, [key], (parent) => delete (parent as Record<string, Json>)[key]),
      `no ${key}`,
    ),
  ),
  fc
    .integer({ min: 1, max: 40 })
    .map((size) =>
      withDocument((document) => {
        for (let i = 0; i < size; i++) {
          document.nodes.push({ id: `loop${i}`, kind: 'setVariable', options: { name: 'v', value: `${i}` } });
          document.edges.push({
            id: `loop-edge${i}`,
            source: `loop${i}`,
            port: 'next',
            target: `loop${(i + 1) % size}`,
          });
        }
      }),
    )
    .map((body) => plain(body, 'busy loop')),
  fc.integer({ min: 0, max: nodeCount - 1 }).map((index) =>
    plain(
      withDocument((document) => document.nodes.push(structuredClone(document.nodes[index] ?? null))),
      `node ${index} twice`,
    ),
  ),
  fc.integer({ min: 0, max: nodeCount - 1 }).map((index) =>
    plain(
      withDocument((document) => document.nodes.splice(index, 1)),
      `node ${index} removed`,
    ),
  ),
  fc
    .tuple(fc.constantFrom(...nodeIds), fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), fc.boolean())
    .filter(([, ghost]) => !nodeIds.includes(ghost))
    .map(([real, ghost, fromGhost]) =>
      plain(
        withDocument((document) =>
          document.edges.push({
            id: 'dangling',
            source: fromGhost ? ghost : real,
            port: 'next',
            target: fromGhost ? real : ghost,
          }),
        ),
        `connection ${fromGhost ? 'from' : 'to'} missing node ${ghost}`,
      ),
    ),
  fc
    .string({ minLength: 1, maxLength: 32 })
    .filter((port) => port !== 'next')
    .map((port) =>
      plain(
        withDocument((document) =>
          document.edges.push({ id: 'odd-port', source: 'answer', port, target: 'bye' }),
        ),
        `unknown port "${port}"`,
      ),
    ),
  fc
    .oneof(
      fc.integer().filter((v) => v !== 1),
      fc.double({ noNaN: true }).filter((v) => v !== 1),
    )
    .map((version) => {
      const file = replaceAt(validFile, ['schemaVersion'], version);
      return plain(replaceAt(file, ['document', 'schemaVersion'], version), `schemaVersion ${version}`);
    }),
  fc
    .oneof(fc.dictionary(fc.string(), smallJson), fc.array(smallJson))
    .map((body) => plain(body, 'random JSON')),
  fc
    .oneof(
      fc.constant(''),
      fc.constant('   '),
      fc.string({ minLength: 121, maxLength: 500 }).filter((name) => name.trim().length > 120),
    )
    .map((name) => ({
      body: validFile,
      query: `?name=${encodeURIComponent(name)}`,
      what: `name override "${name}"`,
    })),
];

interface Refusal {
  error: string;
  problems?: { path: unknown; message: unknown; severity?: unknown }[];
  /** An accepted import's or draft save's answer. */
  ok?: boolean;
  flow?: { id: string };
  revision?: number;
}

describe.each(testEngines())('hostile flow files on %s', (engine) => {
  const session = useFlowTestSession(engine);

  async function send(method: string, path: string, body: Json): Promise<{ status: number; body: Refusal }> {
    const response = await fetch(`${session.api.url}${path}`, {
      method,
      headers: { cookie: session.as.editor.cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Refusal };
  }

  function expectRefusal(response: { status: number; body: Refusal }, what: string): void {
    expect(response.status, what).toBe(400);
    expect(response.body.error, what).toBe('invalid_request');
    expect(response.body.problems?.length, what).toBeGreaterThan(0);
    for (const problem of response.body.problems ?? []) {
      expect(typeof problem.path, what).toBe('string');
      expect(typeof problem.message, what).toBe('string');
    }
  }

  it('imports the undamaged file (the property below starts from a valid one)', async () => {
    const imported = await send('POST', '/api/flows/import', validFile);
    expect(imported.status).toBe(201);
  });

  /** An accepted draft: its problems listed, at least one an error (the damage), so never valid. */
  function expectKeptWithProblems(response: { status: number; body: Refusal }, what: string): void {
    expect(response.body.ok, what).toBe(false);
    expect(
      response.body.problems?.some((problem) => problem.severity === 'error'),
      what,
    ).toBe(true);
  }

  it('refuses 1200 damaged files with a 400 listing problems creating nothing, or imports a damaged draft with its problems', async () => {
    const before = await catalogCounts(session.api);
    let imported = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(...schemaDamage, ...fileDamage), async (damaged) => {
        // Every import is named "Hostile base": each accepted one takes the next free copy name.
        const query = `${damaged.query === '' ? '?' : `${damaged.query}&`}onNameTaken=rename`;
        const response = await send('POST', `/api/flows/import${query}`, damaged.body);
        if (response.status === 400) return expectRefusal(response, damaged.what);
        expect(response.status, damaged.what).toBe(201);
        expectKeptWithProblems(response, damaged.what);
        imported++;
        // Stored as a draft the API reads back.
        const stored = await session.as.viewer.get(`/api/flows/${response.body.flow?.id}`);
        expect(stored.status, damaged.what).toBe(200);
      }),
      { numRuns: 1200 },
    );
    // Both answers were exercised (fast-check draws each kind of damage many times in 1200 runs).
    expect(imported).toBeGreaterThan(0);
    expect(imported).toBeLessThan(1200);
    // Refused files created nothing; imported drafts are one flow and one audit entry each, no version.
    expect(await catalogCounts(session.api)).toEqual({
      ...before,
      flows: (before.flows ?? 0) + imported,
      auditEvents: (before.auditEvents ?? 0) + imported,
    });
    expect(session.api.logs.filter((line) => line.startsWith('error'))).toEqual([]);
  }, 240_000);

  it('refuses 300 damaged drafts that are not flow drafts keeping the draft and its revision, and keeps the others with their problems', async () => {
    const created = await session.as.editor.post<FlowView>('/api/flows', {
      name: 'Target',
      document: validDocument,
    });
    const counts = await catalogCounts(session.api);
    let current = await session.as.viewer.get<FlowView>(`/api/flows/${created.body.id}`);
    let kept = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(...schemaDamage), async (damaged) => {
        const document = isObject(damaged.body) ? (damaged.body.document ?? null) : null;
        const response = await send('PUT', `/api/flows/${created.body.id}/draft`, {
          revision: current.body.revision,
          document,
        });
        const after = await session.as.viewer.get<FlowView>(`/api/flows/${created.body.id}`);
        expect(after.status, damaged.what).toBe(200);
        if (response.status === 400) {
          expectRefusal(response, damaged.what);
          expect(after.body, damaged.what).toEqual(current.body);
        } else {
          expect(response.status, damaged.what).toBe(200);
          expectKeptWithProblems(response, damaged.what);
          expect(after.body.revision, damaged.what).toBe(current.body.revision + 1);
          kept++;
        }
        current = after;
      }),
      { numRuns: 300 },
    );
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(300);
    // Drafts only: no version was made, nothing published.
    expect(await catalogCounts(session.api)).toEqual(counts);
  }, 120_000);
});
