import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiConfig } from '../src/config/apiConfig.ts';
import { serveEditor } from '../src/http/serveEditor.ts';
import { startTestApi, type TestApi } from './startTestApi.ts';

const INDEX_HTML = '<!doctype html><title>Callflow editor</title><div id="root"></div>';
const ASSET_JS = 'console.log("editor");';
const SECRET = 'not-for-the-browser';
/** What a browser sends when it loads a page. */
const PAGE = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const ASSET_CACHE = 'public, max-age=31536000, immutable';

/** A built editor as Vite writes it, with a file next to it that must never be served. */
function builtEditor(): string {
  const parent = mkdtempSync(join(tmpdir(), 'api-editor-'));
  writeFileSync(join(parent, 'secret.txt'), SECRET);
  const dir = join(parent, 'dist');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(join(dir, 'assets', 'index-3f9a1c.js'), ASSET_JS);
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

/** A GET with the path sent exactly as given (fetch would normalise `..`). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const request = httpRequest(`${url}${path}`, { headers: PAGE }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolvePromise({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.path = path;
    request.end();
  });
}

describe('the API serves the built editor', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite', { EDITOR_DIR: builtEditor() });
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  it('answers / and client-side routes with index.html, never cached without revalidation', async () => {
    for (const path of ['/', '/flows/abc', '/calls/c1/steps', '/index.html']) {
      const response = await fetch(`${api.url}${path}`, { headers: PAGE });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      expect(await response.text(), path).toBe(INDEX_HTML);
    }
    const head = await fetch(`${api.url}/flows/abc`, { method: 'HEAD', headers: PAGE });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await head.text()).toBe('');
  });

  it('serves hashed assets with a long cache and other files with revalidation', async () => {
    const asset = await fetch(`${api.url}/assets/index-3f9a1c.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe(ASSET_CACHE);
    expect(await asset.text()).toBe(ASSET_JS);

    const icon = await fetch(`${api.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a missing asset, a JSON client and other methods with the JSON 404, not the page', async () => {
    const missing = await fetch(`${api.url}/assets/gone-000000.js`, { headers: PAGE });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });

    const json = await fetch(`${api.url}/flows/abc`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
    expect(await json.json()).toEqual({ error: 'not_found', message: 'no route for GET /flows/abc' });

    const post = await fetch(`${api.url}/flows/abc`, { method: 'POST', headers: PAGE });
    expect(post.status).toBe(404);
  });

  it('leaves /api to the API: unknown API routes still get the JSON 404', async () => {
    for (const path of ['/api/nothing-here', '/api']) {
      const response = await fetch(`${api.url}${path}`, { headers: PAGE });
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(await response.json(), path).toEqual({
        error: 'not_found',
        message: `no route for GET ${path}`,
      });
    }
    expect((await fetch(`${api.url}/api/health`, { headers: PAGE })).status).toBe(200);
  });

  it('never serves a file outside the editor directory', async () => {
    for (const path of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e/secret.txt',
    ]) {
      const { body } = await rawGet(api.url, path);
      expect(body, path).not.toContain(SECRET);
    }
  });
});

describe('the API without a built editor', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite', { EDITOR_DIR: mkdtempSync(join(tmpdir(), 'api-no-editor-')) });
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  it('answers page loads with a short page saying how to build the editor', async () => {
    for (const path of ['/', '/flows/abc']) {
      const response = await fetch(`${api.url}${path}`, { headers: PAGE });
      expect(response.status, path).toBe(503);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      const page = await response.text();
      expect(page, path).toContain('not built');
      expect(page, path).toContain('npm run -w @callflow/editor build');
    }
    expect((await fetch(`${api.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${api.url}/api/nothing-here`, { headers: PAGE })).status).toBe(404);
  });

  it('says the same when no editor directory is configured at all', async () => {
    const app = express().use(serveEditor(undefined));
    const server: Server = createServer(app);
    await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
        headers: PAGE,
      });
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run -w @callflow/editor build');
    } finally {
      server.closeAllConnections();
      await new Promise((resolvePromise) => server.close(resolvePromise));
    }
  });
});

describe('EDITOR_DIR', () => {
  it("defaults to this repository's apps/editor/dist when it exists, found from the API's files", () => {
    const repositoryDist = fileURLToPath(new URL('../../editor/dist', import.meta.url));
    expect(loadApiConfig({}).EDITOR_DIR).toBe(existsSync(repositoryDist) ? repositoryDist : undefined);
  });

  it('takes a directory, relative to the working directory', () => {
    expect(loadApiConfig({ EDITOR_DIR: '/srv/callflow/editor' }).EDITOR_DIR).toBe('/srv/callflow/editor');
    expect(loadApiConfig({ EDITOR_DIR: 'build/editor' }).EDITOR_DIR).toBe(resolve('build/editor'));
  });
});
