import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AriClient, parseAriEvent } from '@callflow/ari';
import { channelJson, FakeAriServer } from '@callflow/ari/testing';
import { type Database, migrateDatabase, openDatabase, SecretRepository, SecretsKey } from '@callflow/db';
import { FlowGraph, validateFlow } from '@callflow/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallLogWriter } from '../callLog/CallLogWriter.ts';
import { defaultCallLimits } from '../engine/CallLimits.ts';
import { runCallSession } from '../engine/CallSession.ts';
import { EventRouter } from '../engine/EventRouter.ts';
import { NamedBridges } from '../engine/NamedBridges.ts';
import { Logger } from '../log/Logger.ts';
import { RuntimeMetrics } from '../metrics/RuntimeMetrics.ts';
import { RuntimeSecrets } from './RuntimeSecrets.ts';

const key = SecretsKey.fromText(randomBytes(32).toString('base64'), 'test key');
const token = `tok-${randomBytes(10).toString('hex')}`;
let db: Database;
let server: FakeAriServer;

beforeAll(async () => {
  const url = `file:${join(mkdtempSync(join(tmpdir(), 'secrets-call-')), 'test.db')}`;
  await migrateDatabase(url);
  db = await openDatabase(url);
  await new SecretRepository(db.prisma).set({ name: 'crm_token', value: token, actor: 'admin' }, key);
  server = new FakeAriServer();
  await server.start();
}, 60_000);

afterAll(async () => {
  await db?.close();
  await server?.stop();
});

/** Start → two HTTP lookups sending the secret (the first stores an echoed field) → Hangup. */
const lookupFlow = validateFlow({
  schemaVersion: 1,
  nodes: [
    { id: 'start', kind: 'start', options: {} },
    ...['echo', 'fail'].map((id) => ({
      id,
      kind: 'httpLookup',
      options: {
        url: `https://crm.example.com/${id}`,
        headers: [{ name: 'Authorization', value: 'Bearer {{secrets.crm_token}}' }],
        fields: id === 'echo' ? [{ variable: 'echo', path: 'echo' }] : [],
      },
    })),
    { id: 'bye', kind: 'hangup', options: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', port: 'next', target: 'echo' },
    { id: 'e2', source: 'echo', port: 'success', target: 'fail' },
    { id: 'e3', source: 'fail', port: 'error', target: 'bye' },
  ],
});

function event(json: Record<string, unknown>) {
  const parsed = parseAriEvent({
    application: 'callflow-6001',
    timestamp: new Date().toISOString(),
    ...json,
  });
  if (!parsed.ok || !parsed.known) throw new Error('bad test event');
  return parsed.event;
}

describe('a call using a secret', () => {
  it('sends the value, and the call log and log lines hold [secret] instead', async () => {
    if (lookupFlow.document === null) throw new Error(JSON.stringify(lookupFlow.problems));
    const channelId = 'chan-secret';
    const router = new EventRouter();
    server.route('DELETE', /^\/ari\/channels\//, () => {
      setTimeout(() => router.dispatch(event({ type: 'StasisEnd', channel: channelJson(channelId) })), 5);
      return { status: 204 };
    });
    const lines: string[] = [];
    const logger = new Logger('debug', {}, (line) => lines.push(line));
    const ari = new AriClient({ url: server.url, username: server.username, password: server.password });
    const callLog = new CallLogWriter(db.sql, logger, { flushMs: 10, maxBufferedSteps: 100 });
    const sent: string[] = [];
    const fetchWithSecret: typeof fetch = async (input, init) => {
      const authorization = new Headers(init?.headers).get('authorization') ?? '';
      sent.push(authorization);
      // A service echoing the header into its answer, then a failure quoting it (as some clients do).
      if (String(input).endsWith('/echo')) return Response.json({ echo: authorization });
      throw new TypeError(`request refused: header ${authorization}`);
    };
    const start = event({ type: 'StasisStart', args: [], channel: channelJson(channelId) });
    if (start.type !== 'StasisStart') throw new Error('unreachable');
    const metrics = new RuntimeMetrics();
    await runCallSession(
      start,
      {
        appName: 'callflow-6001',
        extension: '6001',
        version: { id: 'v1', flowId: 'f1', number: 1, graph: new FlowGraph(lookupFlow.document) },
      },
      {
        ari,
        router,
        bridges: new NamedBridges(ari, logger),
        callLog,
        logger,
        asteriskServer: 'test',
        metrics: metrics.forServer('test'),
        liveChannels: new Set(),
        outboundLegs: new Set(),
        limits: defaultCallLimits,
        stepLimit: 100,
        now: () => new Date(),
        nodeClock: () => new Date(),
        fetch: fetchWithSecret,
        secrets: new RuntimeSecrets({ sql: db.sql, key }),
      },
      new AbortController().signal,
    );
    await callLog.flush();

    expect(sent).toEqual([`Bearer ${token}`, `Bearer ${token}`]);
    const call = await db.prisma.call.findFirstOrThrow({
      where: { channelId },
      include: { steps: { orderBy: { seq: 'asc' } } },
    });
    expect(call.steps.map((step) => [step.nodeId, step.port])).toEqual([
      ['start', 'next'],
      ['echo', 'success'],
      ['fail', 'error'],
      ['bye', 'ended'],
    ]);
    expect(JSON.parse(call.steps[1]?.variables ?? '{}')).toMatchObject({ 'vars.echo': 'Bearer [secret]' });
    expect(call.steps[2]?.error).toContain('request refused: header Bearer [secret]');
    expect(JSON.stringify(call)).not.toContain(token);
    expect(lines.join('\n')).not.toContain(token);
  }, 30_000);
});
