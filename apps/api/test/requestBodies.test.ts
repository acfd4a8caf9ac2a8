// Request bodies cannot hold the API up: nothing is read before the session is checked, a body is at
// most 64 KB except where a flow document goes (API_BODY_LIMIT, 5 MB by default), and a body nested
// more than 64 levels is refused before JSON.parse builds it (5 MB of `[` took 3.5 s to parse).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { answerBeforeBody } from './answerBeforeBody.ts';
import { type ErrorView, type FlowView, menuFlow, startFlowTestSession } from './flowTestSession.ts';
import type { RoleClients } from './loginAs.ts';
import { type TestApi, testEngines } from './startTestApi.ts';

const FIVE_MB = 5 * 1024 * 1024;

/** `{"<key>":[[[…]]]}`: the value nested `depth` levels (the object around it is one more). */
/**
 * Runs `send` with JSON.parse watched (the API runs in this process) and returns the length of the
 * longest text parsed meanwhile: a body the API answered without parsing leaves it shorter than itself.
 */
async function longestParsed(send: () => Promise<void>): Promise<number> {
  const parse = vi.spyOn(JSON, 'parse');
  try {
    await send();
    return Math.max(0, ...parse.mock.calls.map(([text]) => String(text).length));
  } finally {
    parse.mockRestore();
  }
}

function nestedBody(depth: number, key = 'document'): string {
  return `{"${key}":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

/** A draft of `count` play nodes with the longest label and prompt value allowed: about 1 MB. */
function largeDocument(count: number): unknown {
  const document = menuFlow() as { nodes: unknown[]; edges: unknown[] };
  for (let index = 0; index < count; index++) {
    document.nodes.push({
      id: `play${index}`,
      kind: 'play',
      label: `Announcement ${index} `.padEnd(80, '.'),
      options: { prompts: [{ type: 'characters', value: 'x'.repeat(200) }] },
    });
  }
  return document;
}

describe.each(testEngines())('request bodies on %s', (engine) => {
  let api: TestApi;
  let as: RoleClients;
  let flow: FlowView;
  beforeAll(async () => {
    const session = await startFlowTestSession(engine);
    api = session.api;
    as = session.as;
    const created = await as.editor.post<FlowView>('/api/flows', { name: 'Bodies' });
    flow = created.body;
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  it('answers a request without a session 401 before reading its body, even where flow documents go', async () => {
    const answer = await answerBeforeBody(api, 'PUT', `/api/flows/${flow.id}/draft`, {
      contentLength: FIVE_MB,
      sent: '['.repeat(64 * 1024),
    });
    expect(answer).toMatchObject({ status: 401, body: { error: 'not_logged_in' } });
  }, 15_000);

  it('refuses a body announced larger than 64 KB on the login route with a JSON 413, before reading it', async () => {
    const answer = await answerBeforeBody(api, 'POST', '/api/session', {
      contentLength: FIVE_MB,
      sent: '['.repeat(64 * 1024),
    });
    expect(answer).toMatchObject({
      status: 413,
      body: { error: 'too_large', message: expect.stringMatching(/64 KB/) },
    });
  }, 15_000);

  it('answers 5 MB of [ sent whole without a session, never parsing it (parsing it took 3.5 s)', async () => {
    const deep = '['.repeat(FIVE_MB);
    for (const [path, status] of [
      ['/api/session', 413],
      ['/api/flows/validate', 401],
      ['/api/flows/import', 401],
    ] as const) {
      const parsed = await longestParsed(async () => {
        const response = await fetch(`${api.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: deep,
        });
        expect(response.status, path).toBe(status);
        await response.body?.cancel();
      });
      expect(parsed, path).toBeLessThan(1024);
    }
  });

  it('refuses a body in another charset than UTF-8 with a JSON 415', async () => {
    const response = await fetch(`${api.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-16' },
      body: Buffer.from('{"username":"a","password":"b"}', 'utf16le'),
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: 'unsupported_media_type' });
  });

  it('refuses a body over 64 KB where no flow document goes with a JSON 413 that names the limit', async () => {
    const refused = await as.editor.patch<ErrorView>(`/api/flows/${flow.id}`, { name: 'x'.repeat(70_000) });
    expect(refused.status).toBe(413);
    expect(refused.body).toEqual({
      error: 'too_large',
      message: 'the request body is larger than 64 KB, the most this request takes',
    });
  });

  it('saves a draft of about 1 MB (flow documents may be up to API_BODY_LIMIT)', async () => {
    const document = largeDocument(3000);
    expect(JSON.stringify(document).length).toBeGreaterThan(900_000);
    const saved = await as.editor.put<{ revision: number }>(`/api/flows/${flow.id}/draft`, {
      revision: flow.revision,
      document,
    });
    expect(saved.status).toBe(200);
    const created = await as.editor.post('/api/flows', { name: 'Large', document });
    expect(created.status).toBe(201);
    const validated = await as.editor.post('/api/flows/validate', document);
    expect(validated.status).toBe(200);
  });

  it('refuses a flow document over API_BODY_LIMIT with a JSON 413 that names the limit', async () => {
    const refused = await as.editor.post<ErrorView>('/api/flows/validate', largeDocument(25_000));
    expect(refused.status).toBe(413);
    expect(refused.body).toEqual({
      error: 'too_large',
      message: 'the request body is larger than 5 MB, the most this request takes',
    });
  });

  it('refuses a body nested more than 64 levels with a 400 saying so, wherever it goes', async () => {
    for (const [method, path, depth] of [
      ['PUT', `/api/flows/${flow.id}/draft`, 1_000_000],
      ['POST', '/api/flows/import', 1_000_000],
      ['PATCH', `/api/flows/${flow.id}`, 30_000],
    ] as const) {
      let answer: unknown;
      const parsed = await longestParsed(async () => {
        const response = await fetch(`${api.url}${path}`, {
          method,
          headers: { 'content-type': 'application/json', cookie: as.editor.cookie },
          body: nestedBody(depth),
        });
        expect(response.status, path).toBe(400);
        answer = await response.json();
      });
      // Refused from one scan of the text: never given to JSON.parse, which builds such a value slowly.
      expect(parsed, path).toBeLessThan(1024);
      expect(answer, path).toEqual({
        error: 'invalid_request',
        message:
          'the request body nests arrays or objects more than 64 levels deep (a flow file needs about 8); it was not read',
        problems: [
          {
            severity: 'error',
            code: 'invalid-field',
            message: 'nested more than 64 levels deep',
            nodeId: null,
            edgeId: null,
            path: 'body',
          },
        ],
      });
    }
  });

  it('answers an import whose document schemaVersion is nested 100,000 levels with a 400, not a 500', async () => {
    const depth = 100_000;
    const response = await fetch(`${api.url}/api/flows/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: as.editor.cookie },
      body: `{"format":"callflow.flow","schemaVersion":1,"name":"x","document":{"schemaVersion":${'['.repeat(depth)}${']'.repeat(depth)},"nodes":[],"edges":[]}}`,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request', problems: [{ path: 'body' }] });
  });

  it('reads a body nested 64 levels, and counts no brackets inside strings', async () => {
    const at64 = await fetch(`${api.url}/api/flows/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: as.editor.cookie },
      body: nestedBody(63, `a\\"${'['.repeat(100)}`),
    });
    expect(at64.status).toBe(200);
    const at65 = await fetch(`${api.url}/api/flows/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: as.editor.cookie },
      body: nestedBody(64),
    });
    expect(at65.status).toBe(400);
  });
});
