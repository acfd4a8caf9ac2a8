import { randomBytes } from 'node:crypto';
import { AriClient } from '@callflow/ari';
import { channelJson } from '@callflow/ari/testing';
import { SecretRepository, SecretsKey } from '@callflow/db';
import { validateFlow } from '@callflow/flow';
import { testFlow } from '@callflow/flow/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { CallLogWriter } from '../callLog/CallLogWriter.ts';
import { EventRouter } from '../engine/EventRouter.ts';
import { Logger } from '../log/Logger.ts';
import { runTestCallSession } from '../testing/runTestCallSession.ts';
import { testAriEvent } from '../testing/testAriEvent.ts';
import { useDatabaseAndFakeAri } from '../testing/useDatabaseAndFakeAri.ts';
import { RuntimeSecrets } from './RuntimeSecrets.ts';

const key = SecretsKey.fromText(randomBytes(32).toString('base64'), 'test key');
const token = `tok-${randomBytes(10).toString('hex')}`;
const fixture = useDatabaseAndFakeAri('secrets-call');

beforeAll(async () => {
  await new SecretRepository(fixture.db.prisma).set({ name: 'crm_token', value: token, actor: 'admin' }, key);
});

/** Start → two HTTP lookups sending the secret (the first stores an echoed field) → Hangup. */
const lookupFlow = validateFlow(
  testFlow(
    [
      { id: 'start', kind: 'start' },
      ...['echo', 'fail'].map((id) => ({
        id,
        kind: 'httpLookup',
        options: {
          url: `https://crm.example.com/${id}`,
          headers: [{ name: 'Authorization', value: 'Bearer {{secrets.crm_token}}' }],
          fields: id === 'echo' ? [{ variable: 'echo', path: 'echo' }] : [],
        },
      })),
      { id: 'bye', kind: 'hangup' },
    ],
    ['start -> echo', 'echo.success -> fail', 'fail.error -> bye'],
  ),
);

describe('a call using a secret', () => {
  it('sends the value, and the call log and log lines hold [secret] instead', async () => {
    if (lookupFlow.document === null) throw new Error(JSON.stringify(lookupFlow.problems));
    const channelId = 'chan-secret';
    const router = new EventRouter();
    fixture.server.route('DELETE', /^\/ari\/channels\//, () => {
      setTimeout(
        () => router.dispatch(testAriEvent({ type: 'StasisEnd', channel: channelJson(channelId) })),
        5,
      );
      return { status: 204 };
    });
    const lines: string[] = [];
    const logger = new Logger('debug', {}, (line) => lines.push(line));
    const ari = new AriClient({
      url: fixture.server.url,
      username: fixture.server.username,
      password: fixture.server.password,
    });
    const callLog = new CallLogWriter(fixture.db.sql, logger, { flushMs: 10, maxBufferedSteps: 100 });
    const sent: string[] = [];
    const fetchWithSecret: typeof fetch = async (input, init) => {
      const authorization = new Headers(init?.headers).get('authorization') ?? '';
      sent.push(authorization);
      // A service echoing the header into its answer, then a failure quoting it (as some clients do).
      if (String(input).endsWith('/echo')) return Response.json({ echo: authorization });
      throw new TypeError(`request refused: header ${authorization}`);
    };
    await runTestCallSession({
      channelId,
      extension: '6001',
      document: lookupFlow.document,
      deps: {
        ari,
        router,
        callLog,
        logger,
        fetch: fetchWithSecret,
        secrets: new RuntimeSecrets({ sql: fixture.db.sql, key }),
      },
    });
    await callLog.flush();

    expect(sent).toEqual([`Bearer ${token}`, `Bearer ${token}`]);
    const call = await fixture.db.prisma.call.findFirstOrThrow({
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
