import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { callDetailSchema, flowDetail, type StepItem, validationResult } from '@callflow/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from '../harness/ApiSession.ts';
import { lookupFlow } from '../harness/flowBuilder.ts';
import { type ProductApi, startProductApi } from '../harness/startProductApi.ts';
import { useCallflow } from '../harness/useCallflow.ts';
import { ariEnvironment } from '../lib/processes.ts';
import { ensureSandbox } from '../lib/sandbox.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';

const EXTENSION = '7981';
const MOVED_EXTENSION = '7982';
const CRM_PORT = 18_767;
/** Another origin the CRM redirects to: the token must not follow. */
const ELSEWHERE_PORT = 18_768;
const ADMIN_PASSWORD = 'e2e-secrets-admin-1';
const VIEWER_PASSWORD = 'e2e-secrets-viewer-1';
/** A fresh key for this file's credentials store, given to the API and the runtime alike. */
const SECRETS_KEY = randomBytes(32).toString('base64');
/** The CRM's API token: distinctive, so that finding it anywhere is certain. */
const TOKEN = `crm-token-${randomBytes(12).toString('hex')}`;

/**
 * A CRM stand-in that wants the token: it answers 401 to anything else, and echoes the Authorization
 * header it was sent into its answer, as a careless web service might, so the flow stores the token in
 * a call variable and the call log has to clean it.
 */
function startCrm(received: string[]): Promise<Server> {
  const server = createServer((request, response) => {
    const authorization = request.headers.authorization ?? '';
    received.push(authorization);
    if (request.url === '/moved') {
      response.statusCode = 307;
      response.setHeader('location', `http://127.0.0.1:${ELSEWHERE_PORT}/customer`);
      response.end();
      return;
    }
    response.setHeader('content-type', 'application/json');
    if (authorization !== `Bearer ${TOKEN}`) {
      response.statusCode = 401;
      response.end(JSON.stringify({ error: 'unauthorised' }));
      return;
    }
    response.end(JSON.stringify({ agent: '1002', echo: { authorization } }));
  });
  return new Promise((resolve) => server.listen(CRM_PORT, '127.0.0.1', () => resolve(server)));
}

/** A service on another origin: answers anyone, and says what Authorization it was sent. */
function startElsewhere(received: string[]): Promise<Server> {
  const server = createServer((request, response) => {
    received.push(request.headers.authorization ?? '');
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify({ agent: '1003', echo: { authorization: request.headers.authorization ?? '' } }),
    );
  });
  return new Promise((resolve) => server.listen(ELSEWHERE_PORT, '127.0.0.1', () => resolve(server)));
}

const crmFlow = (path: string) =>
  lookupFlow(
    {
      url: `http://127.0.0.1:${CRM_PORT}${path}`,
      headers: [{ name: 'Authorization', value: 'Bearer {{secrets.crm_token}}' }],
      timeoutSeconds: 3,
      fields: [
        { variable: 'agent', path: 'agent' },
        { variable: 'seen', path: 'echo.authorization' },
      ],
    },
    [{ id: 'found', kind: 'hangup', options: { cause: 'normal' } }],
  );

describe('secrets on a real call: stored by an admin, sent by an HTTP lookup, never shown', () => {
  const harness = useCallflow({
    CALLFLOW_SECRETS_KEY: SECRETS_KEY,
    CALLFLOW_HTTP_ALLOW: `127.0.0.1:${CRM_PORT},127.0.0.1:${ELSEWHERE_PORT}`,
  });
  const received: string[] = [];
  const receivedElsewhere: string[] = [];
  const apiLog: string[] = [];
  let crm: Server;
  let elsewhere: Server;
  let api: ProductApi;
  let admin: ApiSession;
  let viewer: ApiSession;
  let flowId = '';

  /** Calls the extension and returns the call as a viewer sees it through the API. */
  async function callAndRead(extension = EXTENSION): Promise<{ steps: StepItem[]; text: string }> {
    const since = new Date();
    const call = await placeCall({
      extension,
      script: [{ pauseMs: 6000 }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall(extension, since);
    const detail = await viewer.request('GET', `/api/calls/${logged.id}`);
    expect(detail.status).toBe(200);
    return { steps: callDetailSchema.parse(detail.json).steps, text: detail.text };
  }

  /** The codes of the problems the flow's check raises about secrets. */
  async function secretProblemCodes(): Promise<string[]> {
    const validated = await admin.request('POST', `/api/flows/${flowId}/validate`);
    expect(validated.status).toBe(200);
    return validationResult
      .parse(validated.json)
      .problems.filter((problem) => problem.message.includes('crm_token'))
      .map((problem) => problem.code);
  }

  beforeAll(async () => {
    crm = await startCrm(received);
    elsewhere = await startElsewhere(receivedElsewhere);
    // The harness migrated its database; the API shares it and the key, like `npm start`.
    api = await startProductApi(
      harness.db,
      {
        CALLFLOW_ADMIN_PASSWORD: ADMIN_PASSWORD,
        CALLFLOW_SECRETS_KEY: SECRETS_KEY,
        ...ariEnvironment(await ensureSandbox()),
      },
      (...entry) => apiLog.push(JSON.stringify(entry)),
    );
    admin = await ApiSession.logInAsFirstAdmin(api.url, ADMIN_PASSWORD, `${ADMIN_PASSWORD}-chosen`);
    const created = await admin.request('POST', '/api/users', {
      username: 'vera',
      password: VIEWER_PASSWORD,
      role: 'viewer',
      mustChangePassword: false,
    });
    expect(created.status).toBe(201);
    viewer = await ApiSession.logIn(api.url, 'vera', VIEWER_PASSWORD);
  });

  afterAll(async () => {
    for (const service of [crm, elsewhere]) {
      service?.closeAllConnections();
      service?.close();
    }
    await api?.close();
  });

  it('an admin stores the token; nobody can read it back, a viewer cannot set one', async () => {
    const stored = await admin.request('PUT', '/api/secrets/crm_token', {
      value: TOKEN,
      description: 'CRM API token',
    });
    expect(stored.status).toBe(201);
    expect(stored.text).not.toContain(TOKEN);
    const listed = await viewer.request('GET', '/api/secrets');
    // Viewers may not even list the names (editors may, to write flows).
    expect(listed.status).toBe(403);
    const adminList = await admin.request('GET', '/api/secrets');
    expect(adminList.status).toBe(200);
    expect(adminList.json).toEqual({
      items: [
        expect.objectContaining({ name: 'crm_token', description: 'CRM API token', updatedBy: 'admin' }),
      ],
    });
    expect(adminList.text).not.toContain(TOKEN);
    expect((await viewer.request('PUT', '/api/secrets/crm_token', { value: 'stolen-value' })).status).toBe(
      403,
    );

    // Encrypted at rest: the row holds neither the token nor its base64.
    const rows = JSON.stringify(await harness.db.prisma.secret.findMany());
    expect(rows).not.toContain(TOKEN);
    expect(rows).not.toContain(Buffer.from(TOKEN).toString('base64'));
  });

  it('a published flow sends the real token on a real call; the call log shows [secret], never the token', async () => {
    const created = await admin.request('POST', '/api/flows', {
      name: 'CRM with token',
      document: crmFlow('/customer?caller={{caller.number}}'),
    });
    expect(created.status, created.text).toBe(201);
    flowId = flowDetail.parse(created.json).id;
    const since = new Date();
    const published = await admin.request('PUT', `/api/publications/${EXTENSION}`, { flowId, note: 'token' });
    expect(published.status, published.text).toBe(200);
    // The store holds the secret: the flow's check raises no warning about it.
    expect(await secretProblemCodes()).toEqual([]);
    await harness.waitForRuntimeEvent('publish_applied', EXTENSION, since);
    await harness.waitForApp(EXTENSION, true);

    const { steps, text } = await callAndRead();
    expect(received).toEqual([`Bearer ${TOKEN}`]);
    expect(steps.map((step) => `${step.nodeId}:${step.port}`)).toEqual([
      'start:next',
      'answer:next',
      'crm:success',
      'found:ended',
    ]);
    // The web service echoed the token: the call log holds [secret] in its place.
    expect(steps[2]?.variables).toEqual({
      'http.status': '200',
      'vars.agent': '1002',
      'vars.seen': 'Bearer [secret]',
    });
    expect(text).not.toContain(TOKEN);
    const list = await viewer.request('GET', `/api/calls?extension=${EXTENSION}`);
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(TOKEN);
    // Nor at rest in the call log, nor in what the runtime and the API wrote to their logs.
    const stepRows = JSON.stringify(await harness.db.prisma.callStep.findMany());
    expect(stepRows).toContain('[secret]');
    expect(stepRows).not.toContain(TOKEN);
    expect(JSON.stringify(await harness.db.prisma.call.findMany())).not.toContain(TOKEN);
    expect(JSON.stringify(await harness.db.prisma.runtimeEvent.findMany())).not.toContain(TOKEN);
    expect(harness.runtimeOutput).not.toContain(TOKEN);
    expect(apiLog.join('\n')).not.toContain(TOKEN);
  });

  it('a redirect to another origin does not take the token along', async () => {
    const created = await admin.request('POST', '/api/flows', {
      name: 'CRM moved',
      document: crmFlow('/moved'),
    });
    expect(created.status, created.text).toBe(201);
    const since = new Date();
    const published = await admin.request('PUT', `/api/publications/${MOVED_EXTENSION}`, {
      flowId: flowDetail.parse(created.json).id,
    });
    expect(published.status, published.text).toBe(200);
    await harness.waitForRuntimeEvent('publish_applied', MOVED_EXTENSION, since);
    await harness.waitForApp(MOVED_EXTENSION, true);
    const before = received.length;
    const { steps } = await callAndRead(MOVED_EXTENSION);
    // The CRM got the token and redirected; the other origin was asked without it.
    expect(received.slice(before)).toEqual([`Bearer ${TOKEN}`]);
    expect(receivedElsewhere).toEqual(['']);
    expect(steps.map((step) => `${step.nodeId}:${step.port}`)).toContain('crm:success');
    expect(steps[2]?.variables['vars.agent']).toBe('1003');
  });

  it('the flow, its versions and its export carry the reference, never the token', async () => {
    for (const path of [
      `/api/flows/${flowId}/export`,
      `/api/flows/${flowId}/export?version=1`,
      `/api/flows/${flowId}`,
      `/api/flows/${flowId}/versions/1`,
    ]) {
      const answer = await viewer.request('GET', path);
      expect(answer.status, path).toBe(200);
      expect(answer.text, path).toContain('Bearer {{secrets.crm_token}}');
      expect(answer.text, path).not.toContain(TOKEN);
    }
    const audit = await admin.request('GET', '/api/audit');
    expect(audit.status).toBe(200);
    expect(audit.text).toContain('secret_create');
    expect(audit.text).not.toContain(TOKEN);
  });

  it('once the secret is deleted, the same flow takes the error outcome naming it and sends nothing', async () => {
    expect((await admin.request('DELETE', '/api/secrets/crm_token')).status).toBe(204);
    // The runtime reads the store again at most 5 s after its last read (RuntimeSecrets' cache).
    await new Promise((resolve) => setTimeout(resolve, 5500));
    const before = received.length;
    const { steps, text } = await callAndRead();
    expect(received.length, 'requests the CRM received').toBe(before);
    expect(steps.map((step) => `${step.nodeId}:${step.port}`)).toEqual([
      'start:next',
      'answer:next',
      'crm:error',
      'failed:ended',
    ]);
    expect(steps[2]?.error).toMatch(/secret "crm_token" does not exist: an admin adds it under Secrets/);
    expect(text).not.toContain(TOKEN);
    // The editor's check of the flow warns about it before anyone calls.
    expect(await secretProblemCodes()).toEqual(['unknown-secret']);
    expect(harness.runtimeOutput).not.toContain(TOKEN);
  });
});
