import {
  callDetailSchema,
  callListResponseSchema,
  callRecordingListResponseSchema,
  errorBody,
  errorSchema,
  flowDetail,
  flowFile,
  flowListResponse,
  flowSummary,
  importFlowResponse,
  invalidRequestBody,
  nameTakenBody,
  publicationListResponse,
  publishResponse,
  rollbackResponse,
  runtimeEventListResponseSchema,
  runtimeEventTypes,
  runtimeStatusResponseSchema,
  saveDraftResponse,
  sessionUserSchema,
  staleRevisionBody,
  unpublishResponse,
  userListResponseSchema,
  validationResult,
  versionDetail,
  versionListResponse,
  versionSummary,
} from '@callflow/contract';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { openApiDocument } from '../src/http/openApiDocument.ts';
import { apiRoutes } from '../src/routes/apiRoutes.ts';
import { brokenFlow, menuFlow, playFlow, useFlowTestSession } from './flowTestSession.ts';
import { testEngines } from './startTestApi.ts';

function expectDescribes(schema: z.ZodType, answer: { status: number; body: unknown }, status: number): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  const parsed = schema.safeParse(answer.body);
  expect(parsed.error?.issues ?? [], 'what the schema refuses').toEqual([]);
  expect(parsed.data, 'the schema keeps every field of the answer').toEqual(answer.body);
}

describe('the contract module', () => {
  it('is what the OpenAPI document says: where a live call is, and the runtime event types', () => {
    type Node = Record<string, unknown>;
    const at = (value: unknown, ...path: string[]): Node => {
      let node = value;
      for (const key of path) node = (node as Node)[key];
      expect(node, path.join('.')).toBeTypeOf('object');
      return node as Node;
    };
    const document = openApiDocument(apiRoutes);
    const callItem = at(
      document,
      ...['paths', '/api/calls', 'get', 'responses', '200', 'content', 'application/json', 'schema'],
      ...['properties', 'items', 'items', 'properties'],
    );
    expect(at(callItem, 'currentNodeId')).toMatchObject({ type: 'string', nullable: true });
    expect(at(callItem, 'currentNodeSince')).toMatchObject({ type: 'string', nullable: true });
    const parameters = at(document, 'paths', '/api/runtime/events', 'get', 'parameters');
    const typeParameter = Object.values(parameters).find((parameter) => (parameter as Node).name === 'type');
    const description = String(at(typeParameter, 'schema').description);
    for (const type of runtimeEventTypes) expect(description).toContain(type);
  });
});

describe.each(testEngines())('the contract describes what the API answers on %s', (engine) => {
  const session = useFlowTestSession(engine);

  it('session, login failure and users', async () => {
    const { as, api } = session;
    expectDescribes(sessionUserSchema, await as.viewer.get('/api/session'), 200);
    const refused = await fetch(`${api.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nobody', password: 'wrong-password' }),
    });
    expectDescribes(errorSchema, { status: refused.status, body: await refused.json() }, 401);
    expectDescribes(userListResponseSchema, await as.admin.get('/api/users'), 200);
  });

  it('flows, drafts, validation, versions, publications, export and import', async () => {
    const { as } = session;
    const created = await as.editor.post<{ id: string; revision: number }>('/api/flows', {
      name: 'Contract',
      document: menuFlow(),
    });
    expectDescribes(flowDetail, created, 201);
    const flowId = created.body.id;
    expectDescribes(flowListResponse, await as.viewer.get('/api/flows'), 200);
    expectDescribes(flowDetail, await as.viewer.get(`/api/flows/${flowId}`), 200);
    expectDescribes(flowSummary, await as.editor.patch(`/api/flows/${flowId}`, { name: 'Contract 2' }), 200);

    const saved = await as.editor.put<{ revision: number }>(`/api/flows/${flowId}/draft`, {
      revision: created.body.revision,
      document: menuFlow(),
    });
    expectDescribes(saveDraftResponse, saved, 200);
    const stale = await as.editor.put(`/api/flows/${flowId}/draft`, {
      revision: created.body.revision,
      document: menuFlow(),
    });
    expectDescribes(staleRevisionBody, stale, 409);
    expectDescribes(validationResult, await as.editor.post(`/api/flows/${flowId}/validate`), 200);
    expectDescribes(validationResult, await as.editor.post('/api/flows/validate', brokenFlow()), 200);

    expectDescribes(
      versionSummary,
      await as.editor.post(`/api/flows/${flowId}/versions`, { note: 'one' }),
      201,
    );
    await as.editor.put(`/api/flows/${flowId}/draft`, {
      revision: saved.body.revision,
      document: playFlow('42'),
    });
    expectDescribes(versionSummary, await as.editor.post(`/api/flows/${flowId}/versions`, {}), 201);
    expectDescribes(versionListResponse, await as.viewer.get(`/api/flows/${flowId}/versions`), 200);
    expectDescribes(versionDetail, await as.viewer.get(`/api/flows/${flowId}/versions/1`), 200);

    expectDescribes(
      publishResponse,
      await as.editor.put('/api/publications/6001', { flowId, version: 2 }),
      200,
    );
    expectDescribes(publicationListResponse, await as.viewer.get('/api/publications'), 200);
    expectDescribes(
      rollbackResponse,
      await as.editor.post('/api/publications/6001/rollback', { version: 1 }),
      200,
    );
    expectDescribes(unpublishResponse, await as.editor.delete('/api/publications/6001'), 200);

    const exported = await as.viewer.get(`/api/flows/${flowId}/export`);
    expectDescribes(flowFile, exported, 200);
    expectDescribes(nameTakenBody, await as.editor.post('/api/flows/import', exported.body), 409);
    expectDescribes(
      importFlowResponse,
      await as.editor.post('/api/flows/import?onNameTaken=rename', exported.body),
      201,
    );
  });

  it('error answers: not found, invalid request, invalid flow file, invalid flow (one problem shape)', async () => {
    const { as } = session;
    expectDescribes(errorBody, await as.viewer.get('/api/flows/nope'), 404);
    expectDescribes(invalidRequestBody, await as.editor.post('/api/flows', { name: '' }), 400);
    expectDescribes(invalidRequestBody, await as.editor.post('/api/flows/import?name=x', { nodes: 1 }), 400);
    const broken = await as.editor.post<{ id: string }>('/api/flows', {
      name: 'Broken',
      document: brokenFlow(),
    });
    const refused = await as.editor.post(`/api/flows/${broken.body.id}/versions`, {});
    expectDescribes(invalidRequestBody, refused, 422);
    expect(invalidRequestBody.parse(refused.body).problems[0]).toMatchObject({ code: expect.any(String) });
  });

  it('calls, steps, recordings and the runtime', async () => {
    const { as, api } = session;
    const { prisma } = api.db;
    await prisma.call.create({
      data: {
        id: 'contract-call',
        channelId: 'chan-9',
        asteriskServer: 'a:8088',
        appName: 'callflow-6001',
        extension: '6001',
        startedAt: new Date('2026-03-01T10:00:00Z'),
        endedAt: new Date('2026-03-01T10:00:05Z'),
        outcome: 'completed',
        stepCount: 1,
      },
    });
    await prisma.call.create({
      data: {
        id: 'contract-live-call',
        channelId: 'chan-10',
        asteriskServer: 'a:8088',
        appName: 'callflow-6001',
        extension: '6001',
        startedAt: new Date('2026-03-01T10:01:00Z'),
        currentNodeId: 'menu',
        currentNodeSince: new Date('2026-03-01T10:01:02Z'),
      },
    });
    await prisma.callStep.create({
      data: {
        callId: 'contract-call',
        seq: 1,
        nodeId: 'rec',
        kind: 'record',
        enteredAt: new Date('2026-03-01T10:00:01Z'),
        leftAt: new Date('2026-03-01T10:00:04Z'),
        port: 'next',
        variables: JSON.stringify({ 'vars.recording': 'callflow/contract' }),
      },
    });
    expectDescribes(callListResponseSchema, await as.viewer.get('/api/calls'), 200);
    expectDescribes(callDetailSchema, await as.viewer.get('/api/calls/contract-call'), 200);
    expectDescribes(callDetailSchema, await as.viewer.get('/api/calls/contract-live-call'), 200);
    expectDescribes(
      callRecordingListResponseSchema,
      await as.viewer.get('/api/calls/contract-call/recordings'),
      200,
    );

    await prisma.runtimeStatus.create({
      data: {
        asteriskServer: 'a:8088',
        connected: true,
        asteriskVersion: '22.1.0',
        apps: JSON.stringify(['callflow-6001']),
        serving: JSON.stringify({ '6001': 'v-1' }),
        startedAt: new Date(),
        updatedAt: new Date(),
      },
    });
    await prisma.runtimeEvent.create({
      data: {
        at: new Date(),
        level: 'info',
        type: 'app_registered',
        message: 'app callflow-6001 registered',
        asteriskServer: 'a:8088',
      },
    });
    expectDescribes(runtimeStatusResponseSchema, await as.viewer.get('/api/runtime/status'), 200);
    expectDescribes(runtimeEventListResponseSchema, await as.viewer.get('/api/runtime/events'), 200);
  });
});
