import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../src/createApiServer.ts';
import type { FlowView } from './flowTestSession.ts';
import { loginAs, type RoleClients, testAdminEnv } from './loginAs.ts';
import { startTestApi, type TestApi, testEngines } from './startTestApi.ts';

const secretsKey = randomBytes(32).toString('base64');
const tokenValue = `tok-${randomBytes(12).toString('hex')}`;

interface SecretView {
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

/** Start → HTTP lookup whose Authorization header names a secret → Hangup. */
function lookupFlow(header: string, url = 'https://crm.example.com/lookup?caller={{caller.number}}') {
  return {
    schemaVersion: 1,
    nodes: [
      { id: 'start', kind: 'start', options: {} },
      {
        id: 'crm',
        kind: 'httpLookup',
        options: { url, headers: [{ name: 'Authorization', value: header }] },
      },
      { id: 'bye', kind: 'hangup', options: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', port: 'next', target: 'crm' },
      { id: 'e2', source: 'crm', port: 'success', target: 'bye' },
      { id: 'e3', source: 'crm', port: 'error', target: 'bye' },
      { id: 'e4', source: 'crm', port: 'timeout', target: 'bye' },
    ],
  };
}

describe.each(testEngines())('credentials store on %s', (engine) => {
  let api: TestApi;
  let as: RoleClients;
  /** Every response body the tests received, to prove no route ever returned the value. */
  const seen: string[] = [];
  const record = <T extends { body: unknown }>(response: T): T => {
    seen.push(JSON.stringify(response.body));
    return response;
  };

  beforeAll(async () => {
    api = await startTestApi(engine, { ...testAdminEnv, CALLFLOW_SECRETS_KEY: secretsKey });
    as = await loginAs(api);
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  it('lets an admin create a secret, and shows it without its value', async () => {
    const created = record(
      await as.admin.put<SecretView>('/api/secrets/crm_token', { value: tokenValue, description: 'CRM API' }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      name: 'crm_token',
      description: 'CRM API',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      updatedBy: as.admin.username,
    });
    const listed = record(await as.admin.get<{ items: SecretView[] }>('/api/secrets'));
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((secret) => secret.name)).toEqual(['crm_token']);
    expect(Object.keys(listed.body.items[0] ?? {}).sort()).toEqual([
      'createdAt',
      'description',
      'name',
      'updatedAt',
      'updatedBy',
    ]);
  });

  it('stores only ciphertext', async () => {
    const row = await api.db.prisma.secret.findUniqueOrThrow({ where: { name: 'crm_token' } });
    expect(JSON.stringify(row)).not.toContain(tokenValue);
    expect(row.ciphertext).not.toBe('');
  });

  it('replaces a value (200, description kept) and changes a description alone', async () => {
    const replaced = record(
      await as.admin.put<SecretView>('/api/secrets/crm_token', { value: `${tokenValue}-2` }),
    );
    expect(replaced.status).toBe(200);
    expect(replaced.body.description).toBe('CRM API');
    const described = record(
      await as.admin.patch<SecretView>('/api/secrets/crm_token', { description: 'CRM API (production)' }),
    );
    expect(described.status).toBe(200);
    expect(described.body.description).toBe('CRM API (production)');
    record(await as.admin.put('/api/secrets/crm_token', { value: tokenValue }));
  });

  it('lets editors see the names (to reference them), viewers and strangers nothing; only admins change', async () => {
    expect(record(await as.editor.get<{ items: SecretView[] }>('/api/secrets')).status).toBe(200);
    expect((await as.viewer.get('/api/secrets')).status).toBe(403);
    expect((await as.anonymous.get('/api/secrets')).status).toBe(401);
    for (const client of [as.viewer, as.editor]) {
      expect((await client.put('/api/secrets/crm_token', { value: 'stolen' })).status).toBe(403);
      expect((await client.patch('/api/secrets/crm_token', { description: 'x' })).status).toBe(403);
      expect((await client.delete('/api/secrets/crm_token')).status).toBe(403);
    }
    expect((await as.anonymous.put('/api/secrets/crm_token', { value: 'stolen' })).status).toBe(401);
    const row = await api.db.prisma.secret.findUniqueOrThrow({ where: { name: 'crm_token' } });
    expect(row.description).toBe('CRM API (production)');
  });

  it('refuses a bad name, a value that would break a header, and unknown fields, without echoing the value', async () => {
    const badName = record(await as.admin.put('/api/secrets/9lives', { value: 'xxxx' }));
    expect(badName.status).toBe(400);
    const secretLike = `line-${randomBytes(6).toString('hex')}`;
    const badValue = record(
      await as.admin.put('/api/secrets/multi', { value: `${secretLike}\r\nX-Evil: 1` }),
    );
    expect(badValue.status).toBe(400);
    expect(JSON.stringify(badValue.body)).toMatch(/control characters/);
    expect(JSON.stringify(badValue.body)).not.toContain(secretLike);
    expect((await as.admin.put('/api/secrets/extra', { value: 'xxxx', plain: true })).status).toBe(400);
    expect((await as.admin.put('/api/secrets/empty', { value: '' })).status).toBe(400);
    expect((await as.admin.put('/api/secrets/short', { value: 'abc' })).status).toBe(400);
    expect(
      await api.db.prisma.secret.count({ where: { name: { in: ['multi', 'extra', 'empty', 'short'] } } }),
    ).toBe(0);
  });

  it('audits who set, described and deleted which secret, never the value', async () => {
    record(await as.admin.put('/api/secrets/temporary', { value: `${tokenValue}-temp` }));
    expect(record(await as.admin.delete('/api/secrets/temporary')).status).toBe(204);
    expect((await as.admin.delete('/api/secrets/temporary')).status).toBe(404);
    expect((await as.admin.patch('/api/secrets/temporary', { description: 'x' })).status).toBe(404);
    const audit = record(
      await as.admin.get<{ items: { action: string; target: string; actor: string }[] }>(
        '/api/audit?limit=200',
      ),
    );
    const actions = audit.body.items
      .filter((event) => event.action.startsWith('secret_'))
      .map((event) => `${event.action}:${event.target}`);
    expect(actions).toEqual([
      'secret_delete:temporary',
      'secret_create:temporary',
      'secret_replace:crm_token',
      'secret_describe:crm_token',
      'secret_replace:crm_token',
      'secret_create:crm_token',
    ]);
  });

  it('warns on validation about a secret the store does not hold, and refuses one outside a header', async () => {
    const known = record(
      await as.editor.post<{ ok: boolean; problems: { code: string }[] }>(
        '/api/flows/validate',
        lookupFlow('Bearer {{secrets.crm_token}}'),
      ),
    );
    expect(known.body).toEqual({ ok: true, problems: [] });
    const unknown = record(
      await as.editor.post<{ ok: boolean; problems: { code: string; path: string }[] }>(
        '/api/flows/validate',
        lookupFlow('Bearer {{secrets.missing}}'),
      ),
    );
    expect(unknown.body.ok).toBe(true);
    expect(unknown.body.problems).toMatchObject([
      { code: 'unknown-secret', path: 'nodes.1.options.headers.0.value' },
    ]);
    const leaky = lookupFlow('x', 'https://crm.example.com/?key={{secrets.crm_token}}');
    const inUrl = await as.editor.post<{ ok: boolean; problems: { code: string }[] }>(
      '/api/flows/validate',
      leaky,
    );
    expect(inUrl.body.ok).toBe(false);
    expect(inUrl.body.problems.map((problem) => problem.code)).toEqual(['secret-misplaced']);
    // A draft may hold errors; a version (what gets published) may not.
    const draft = await as.editor.post<FlowView>('/api/flows', { name: 'Leaky', document: leaky });
    const version = await as.editor.post(`/api/flows/${draft.body.id}/versions`, {});
    expect(version.status).toBe(422);
    expect(JSON.stringify(version.body)).toContain('secret-misplaced');
  });

  it('warns on publishing and on import about a secret the store does not hold, and still does both', async () => {
    const header = 'nodes.1.options.headers.0.value';
    const missing = record(
      await as.editor.post<FlowView>('/api/flows', {
        name: 'Missing secret',
        document: lookupFlow('Bearer {{secrets.missing}}'),
      }),
    );
    const fromDraft = record(
      await as.editor.put<{ version: number; warnings: { code: string; path: string; message: string }[] }>(
        '/api/publications/7101',
        { flowId: missing.body.id },
      ),
    );
    expect(fromDraft.status).toBe(200);
    expect(fromDraft.body.version).toBe(1);
    expect(fromDraft.body.warnings).toMatchObject([{ code: 'unknown-secret', path: header }]);
    expect(fromDraft.body.warnings[0]?.message).toContain('{{secrets.missing}}');
    const again = record(
      await as.editor.put<{ warnings: { code: string }[] }>('/api/publications/7102', {
        flowId: missing.body.id,
        version: 1,
      }),
    );
    expect(again.body.warnings.map((problem) => problem.code)).toEqual(['unknown-secret']);

    const known = record(
      await as.editor.post<FlowView>('/api/flows', {
        name: 'Known secret',
        document: lookupFlow('Bearer {{secrets.crm_token}}'),
      }),
    );
    const clean = record(
      await as.editor.put<{ warnings: unknown[] }>('/api/publications/7103', { flowId: known.body.id }),
    );
    expect(clean.body.warnings).toEqual([]);

    const imported = record(
      await as.editor.post<{ warnings: { code: string; path: string }[] }>('/api/flows/import', {
        format: 'callflow.flow',
        schemaVersion: 1,
        name: 'Imported with a missing secret',
        document: lookupFlow('Bearer {{secrets.missing}}'),
      }),
    );
    expect(imported.status).toBe(201);
    expect(imported.body.warnings).toMatchObject([{ code: 'unknown-secret', path: `document.${header}` }]);
    const bare = record(
      await as.editor.post<{ warnings: { code: string; path: string }[] }>(
        '/api/flows/import?name=Bare',
        lookupFlow('Bearer {{secrets.missing}}'),
      ),
    );
    expect(bare.body.warnings).toMatchObject([{ code: 'unknown-secret', path: header }]);
  });

  it('exports a flow with the reference only, and imports it back with the reference', async () => {
    const created = record(
      await as.editor.post<FlowView>('/api/flows', {
        name: 'CRM lookup',
        document: lookupFlow('Bearer {{secrets.crm_token}}'),
      }),
    );
    expect(created.status).toBe(201);
    expect(record(await as.editor.post(`/api/flows/${created.body.id}/versions`, {})).status).toBe(201);
    for (const path of [
      `/api/flows/${created.body.id}/export`,
      `/api/flows/${created.body.id}/export?version=1`,
    ]) {
      const response = await fetch(`${api.url}${path}`, { headers: { cookie: as.viewer.cookie } });
      expect(response.status).toBe(200);
      const text = await response.text();
      seen.push(text);
      expect(text).toContain('Bearer {{secrets.crm_token}}');
      expect(text).not.toContain(tokenValue);
      const imported = record(
        await as.editor.post<{ flow: FlowView }>('/api/flows/import?onNameTaken=rename', JSON.parse(text)),
      );
      expect(imported.status).toBe(201);
      expect(JSON.stringify(imported.body.flow.document)).toContain('Bearer {{secrets.crm_token}}');
    }
    const viewed = record(await as.viewer.get(`/api/flows/${created.body.id}`));
    expect(viewed.status).toBe(200);
  });

  it('never returned the value in any response above', () => {
    expect(seen.length).toBeGreaterThan(10);
    for (const body of seen) expect(body).not.toContain(tokenValue);
  });
});

describe('credentials store without a key', () => {
  let api: TestApi;
  let as: RoleClients;
  beforeAll(async () => {
    api = await startTestApi('sqlite', { ...testAdminEnv, CALLFLOW_SECRETS_KEY: '' });
    as = await loginAs(api);
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  it('answers 503 on every secrets route, saying how to configure the key', async () => {
    const responses = [
      await as.admin.get('/api/secrets'),
      await as.admin.put('/api/secrets/crm_token', { value: 'xxxx' }),
      await as.admin.patch('/api/secrets/crm_token', { description: 'x' }),
      await as.admin.delete('/api/secrets/crm_token'),
    ];
    for (const response of responses) {
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ error: 'secrets_unavailable' });
      expect(JSON.stringify(response.body)).toContain('CALLFLOW_SECRETS_KEY');
    }
    expect(await api.db.prisma.secret.count()).toBe(0);
  });

  it('warns on validation that flows naming secrets cannot fill them in', async () => {
    const checked = await as.editor.post<{ problems: { code: string }[] }>(
      '/api/flows/validate',
      lookupFlow('Bearer {{secrets.crm_token}}'),
    );
    expect(checked.body.problems.map((problem) => problem.code)).toEqual(['secrets-unavailable']);
  });

  it('warns on publishing and on import that flows naming secrets cannot fill them in', async () => {
    const created = await as.editor.post<FlowView>('/api/flows', {
      name: 'Needs a secret',
      document: lookupFlow('Bearer {{secrets.crm_token}}'),
    });
    const published = await as.editor.put<{ warnings: { code: string }[] }>('/api/publications/7201', {
      flowId: created.body.id,
    });
    expect(published.status).toBe(200);
    expect(published.body.warnings.map((problem) => problem.code)).toEqual(['secrets-unavailable']);
    const imported = await as.editor.post<{ warnings: { code: string; path: string }[] }>(
      '/api/flows/import?name=Imported',
      lookupFlow('Bearer {{secrets.crm_token}}'),
    );
    expect(imported.status).toBe(201);
    expect(imported.body.warnings).toMatchObject([
      { code: 'secrets-unavailable', path: 'nodes.1.options.headers.0.value' },
    ]);
  });
});

describe('credentials store with a bad key', () => {
  it('refuses to start, naming the variable', async () => {
    const api = await startTestApi('sqlite', testAdminEnv);
    try {
      await expect(
        createApiServer({
          db: api.db,
          env: { API_PORT: '0', CALLFLOW_SECRETS_KEY: 'too-short' },
          log: () => {},
        }),
      ).rejects.toThrow(/CALLFLOW_SECRETS_KEY must be a 32-byte key/);
    } finally {
      await api.stop();
    }
  }, 60_000);
});
