import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeAriServer } from '@callflow/ari/testing';
import { publishFlow } from '@callflow/catalog/testing';
import { type Database, migrateDatabase, openDatabase } from '@callflow/db';
import { validateFlow } from '@callflow/flow';
import { testFlow } from '@callflow/flow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallLogWriter } from '../callLog/CallLogWriter.ts';
import { Logger } from '../log/Logger.ts';
import { MetricsServer } from '../metrics/MetricsServer.ts';
import { RuntimeMetrics } from '../metrics/RuntimeMetrics.ts';
import { parsePrometheusText } from '../metrics/testing/parsePrometheusText.ts';
import { type SimulatedCalls, simulateCalls } from '../testing/simulateCalls.ts';
import { waitUntil } from '../testing/waitUntil.ts';
import { CallflowRuntime } from './CallflowRuntime.ts';

const lines: string[] = [];
const logger = new Logger('debug', {}, (line) => lines.push(line));
const app = 'callflow-7001';

let db: Database;
let alpha: FakeAriServer;
let beta: FakeAriServer;
let alphaCalls: SimulatedCalls;
let betaCalls: SimulatedCalls;
let runtime: CallflowRuntime;
let callLog: CallLogWriter;
let metricsServer: MetricsServer;
let metricsUrl: string;

const flow = validateFlow(
  testFlow(
    [
      { id: 'start', kind: 'start' },
      { id: 'answer', kind: 'answer' },
      { id: 'hello', kind: 'play', options: { prompts: [{ type: 'sound', name: 'hello-world' }] } },
      { id: 'busy', kind: 'setDeviceState', options: { device: 'queue', state: 'INUSE' } },
      { id: 'bye', kind: 'hangup' },
    ],
    ['start -> answer -> hello -> busy -> bye'],
  ),
);

const statusOf = (asteriskServer: string) =>
  db.prisma.runtimeStatus.findUnique({ where: { asteriskServer } });

function endedCall(channelId: string) {
  return waitUntil(
    `the end of call ${channelId} in the call log`,
    () => db.prisma.call.findFirst({ where: { channelId, endedAt: { not: null } } }),
    (call) => call !== null,
  );
}

async function scrape() {
  const response = await fetch(metricsUrl);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parsePrometheusText(await response.text());
}

beforeAll(async () => {
  const url = `file:${join(mkdtempSync(join(tmpdir(), 'servers-')), 'test.db')}`;
  await migrateDatabase(url);
  db = await openDatabase(url);
  if (flow.document === null) throw new Error('invalid test flow');
  await publishFlow(db, {
    name: 'two servers',
    document: flow.document,
    extension: '7001',
    note: '',
    author: null,
    replace: true,
  });

  // Calls a previous runtime died during: one on a server of this runtime, one on a server it does not serve.
  for (const [id, asteriskServer] of [
    ['left-on-alpha', 'alpha'],
    ['left-on-gamma', 'gamma'],
  ] as const)
    await db.prisma.call.create({
      data: {
        id,
        channelId: `chan-${id}`,
        asteriskServer,
        appName: app,
        extension: '7001',
        currentNodeId: 'menu',
        currentNodeSince: new Date(),
      },
    });

  // Each server with its own ARI password, as separate machines would have.
  alpha = new FakeAriServer({ password: 'alpha-secret' });
  beta = new FakeAriServer({ password: 'beta-secret' });
  alphaCalls = simulateCalls(alpha);
  betaCalls = simulateCalls(beta);
  await alpha.start();
  await beta.start();

  const metrics = new RuntimeMetrics();
  callLog = new CallLogWriter(db.sql, logger, { flushMs: 10, counters: metrics.callLog });
  runtime = new CallflowRuntime({
    servers: [
      { name: 'alpha', url: alpha.url, username: alpha.username, password: alpha.password },
      { name: 'beta', url: beta.url, username: beta.username, password: beta.password },
    ],
    db,
    callLog,
    logger,
    metrics,
    appPrefix: 'callflow-',
    pollMs: 50,
    stepLimit: 100,
    nodeClock: () => new Date(),
    fetch,
    startedAt: new Date(),
    statusIntervalMs: 100,
    connection: { backoff: { initialMs: 20, maxMs: 200 }, keepaliveMs: 0 },
  });
  metricsServer = new MetricsServer(metrics.registry, logger);
  metricsUrl = (await metricsServer.listen('127.0.0.1', 0)).url;
  await runtime.start();
}, 60_000);

afterAll(async () => {
  await runtime.stop('test over', 0);
  await metricsServer.close();
  await callLog.close();
  await db.close();
  await alpha.stop();
  await beta.stop();
});

describe('CallflowRuntime with two Asterisk servers', () => {
  it('registers every published app on each server and reports each one in its own status row', async () => {
    await waitUntil(
      'the app on alpha',
      () => alpha.openSockets(app).length,
      (count) => count === 1,
    );
    await waitUntil(
      'the app on beta',
      () => beta.openSockets(app).length,
      (count) => count === 1,
    );
    for (const name of ['alpha', 'beta']) {
      const row = await waitUntil(
        `${name}'s status row`,
        () => statusOf(name),
        (r) => r?.connected === true,
      );
      expect(JSON.parse(row?.apps ?? '[]')).toEqual([app]);
    }
  });

  it('logs each call with the server that handled it, and counts both in /metrics', async () => {
    alphaCalls.startCall(app, 'alpha-call-1');
    betaCalls.startCall(app, 'beta-call-1');
    const onAlpha = await endedCall('alpha-call-1');
    const onBeta = await endedCall('beta-call-1');
    expect(onAlpha).toMatchObject({ asteriskServer: 'alpha', outcome: 'completed', stepCount: 5 });
    expect(onBeta).toMatchObject({ asteriskServer: 'beta', outcome: 'completed', stepCount: 5 });
    // Each call's requests went to its own server only.
    expect(alpha.requestsTo('POST', '/ari/channels/alpha-call-1/answer')).toHaveLength(1);
    expect(beta.requestsTo('POST', '/ari/channels/alpha-call-1/answer')).toHaveLength(0);
    expect(beta.requestsTo('PUT', '/ari/deviceStates/Stasis%3Aqueue')).toHaveLength(1);

    const scraped = await scrape();
    for (const server of ['alpha', 'beta']) {
      expect(scraped.value('callflow_calls_started_total', { server })).toBe(1);
      expect(scraped.value('callflow_calls_ended_total', { server, outcome: 'completed' })).toBe(1);
      expect(scraped.value('callflow_calls_in_progress', { server })).toBe(0);
      expect(scraped.value('callflow_apps_registered', { server })).toBe(1);
      expect(scraped.value('callflow_apps_published', { server })).toBe(1);
      expect(scraped.value('callflow_asterisk_connected', { server })).toBe(1);
      expect(scraped.value('callflow_ari_requests_total', { server, method: 'PUT', result: 'ok' })).toBe(1);
      expect(scraped.value('callflow_ari_request_duration_seconds_count', { server, method: 'PUT' })).toBe(1);
    }
    for (const kind of ['start', 'answer', 'play', 'setDeviceState', 'hangup'])
      expect(scraped.value('callflow_steps_total', { kind })).toBe(2);
    expect(scraped.find('callflow_step_failures_total')).toEqual([]);

    // Per call: StasisStart → answer, answered → play, PlaybackFinished → device state, set → hangup;
    // plus the session's own closing hangup when the hangup node's answer beats its hangup events.
    expect(scraped.types.get('callflow_engine_step_latency_seconds')).toBe('histogram');
    const observed = scraped.value('callflow_engine_step_latency_seconds_count') ?? 0;
    expect(observed).toBeGreaterThanOrEqual(8);
    expect(observed).toBeLessThanOrEqual(10);
    const buckets = scraped.find('callflow_engine_step_latency_seconds_bucket').map((s) => s.value);
    expect(buckets.length).toBeGreaterThan(10);
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]).toBeGreaterThanOrEqual(buckets[i - 1] ?? 0);
    expect(scraped.value('callflow_engine_step_latency_seconds_bucket', { le: '+Inf' })).toBe(observed);

    await callLog.flush();
    const written = await scrape();
    expect(written.value('callflow_call_log_rows_written_total', { kind: 'step' })).toBeGreaterThanOrEqual(
      10,
    );
    expect(
      written.value('callflow_call_log_rows_written_total', { kind: 'call_end' }),
    ).toBeGreaterThanOrEqual(2);
    expect(written.value('callflow_call_log_rows_buffered', { kind: 'step' })).toBe(0);
    expect(written.value('callflow_database_unavailable')).toBe(0);
    expect(written.value('process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('keeps serving on one server while the other is down, reports that one disconnected, and re-registers on its return', async () => {
    await beta.stop();
    const down = await waitUntil(
      'beta reported down',
      () => statusOf('beta'),
      (row) => row?.connected === false,
    );
    expect(JSON.parse(down?.apps ?? '')).toEqual([]);
    expect((await statusOf('alpha'))?.connected).toBe(true);

    alphaCalls.startCall(app, 'alpha-call-2');
    expect(await endedCall('alpha-call-2')).toMatchObject({ asteriskServer: 'alpha', outcome: 'completed' });
    const whileDown = await scrape();
    expect(whileDown.value('callflow_apps_registered', { server: 'beta' })).toBe(0);
    expect(whileDown.value('callflow_apps_registered', { server: 'alpha' })).toBe(1);
    expect(whileDown.value('callflow_asterisk_connected', { server: 'beta' })).toBe(0);
    expect(
      whileDown.value('callflow_ari_connection_failures_total', { server: 'beta', reason: 'socket_closed' }),
    ).toBe(1);

    await beta.start();
    await waitUntil(
      'the app back on beta',
      () => beta.openSockets(app).length,
      (count) => count === 1,
    );
    await waitUntil(
      'beta reported up',
      () => statusOf('beta'),
      (row) => row?.connected === true,
    );
    betaCalls.startCall(app, 'beta-call-2');
    expect(await endedCall('beta-call-2')).toMatchObject({ asteriskServer: 'beta', outcome: 'completed' });
    const back = await scrape();
    expect(back.value('callflow_ari_websocket_reconnects_total', { server: 'beta' })).toBe(1);
    expect(back.value('callflow_ari_websocket_reconnects_total', { server: 'alpha' })).toBe(0);
    expect(back.value('callflow_apps_registered', { server: 'beta' })).toBe(1);
  });

  it('marks the calls its predecessor left unfinished on its servers as lost, and only those', async () => {
    const left = await db.prisma.call.findMany({
      where: { id: { startsWith: 'left-on-' } },
      orderBy: { id: 'asc' },
    });
    expect(
      left.map(({ id, outcome, error, currentNodeId }) => ({ id, outcome, error, currentNodeId })),
    ).toEqual([
      {
        id: 'left-on-alpha',
        outcome: 'lost',
        error: 'the runtime stopped while the call was in progress',
        currentNodeId: null,
      },
      { id: 'left-on-gamma', outcome: null, error: null, currentNodeId: 'menu' },
    ]);
    expect(left[0]?.endedAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(
      lines.some((line) => /marked calls interrupted by the previous runtime as lost .*calls=1/.test(line)),
    ).toBe(true);
  });

  it('never writes an ARI password to its log', () => {
    const log = lines.join('\n');
    expect(log).toContain('server=beta');
    expect(log).not.toContain('alpha-secret');
    expect(log).not.toContain('beta-secret');
  });
});
