import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, testEngines } from './startTestApi.ts';

describe.each(testEngines())('API basics on %s', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine);
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  it('answers its health check', async () => {
    const response = await fetch(`${api.url}/api/health`);
    expect(await response.json()).toEqual({ ok: true, database: engine });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await fetch(`${api.url}/api/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: 'not_found',
      message: 'no route for GET /api/nothing-here',
    });
  });

  it('rejects a body that is not JSON with a clear 400 and no stack trace', async () => {
    // A body is read only by a route that takes one (the login here), never for an unknown path.
    const response = await fetch(`${api.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toEqual({
      error: 'invalid_json',
      message: 'the request body is not valid JSON',
    });
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('answers a path with broken %-encoding with a 400, not a 500', async () => {
    const response = await fetch(`${api.url}/api/recordings/%E0%A4%A/file`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_path');
  });

  it('serves an OpenAPI 3 document generated from the route schemas, and a readable page', async () => {
    const document = (await (await fetch(`${api.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(document.openapi).toBe('3.0.3');
    expect(Object.keys(document.paths)).toContain('/api/health');
    const page = await (await fetch(`${api.url}/api/docs`)).text();
    expect(page).toContain('<code>/api/health</code>');
  });

  it('keeps the OpenAPI 3.0 schemas free of JSON Schema keys 3.0 does not know (editor metadata becomes x-…)', async () => {
    const document: unknown = await (await fetch(`${api.url}/api/openapi.json`)).json();
    const foreign = new Set<string>();
    const extensions = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (typeof value === 'object' && value !== null)
        for (const [key, item] of Object.entries(value)) {
          if (['widget', 'enumLabels', 'nullLabel', 'examples', '$schema', 'const'].includes(key))
            foreign.add(key);
          if (key.startsWith('x-callflow-')) extensions.add(key);
          walk(item);
        }
    };
    walk(document);
    expect([...foreign]).toEqual([]);
    expect([...extensions].sort()).toEqual([
      'x-callflow-enumLabels',
      'x-callflow-nullLabel',
      'x-callflow-widget',
    ]);
  });
});
