import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathOf } from '../harness/CallflowHarness.ts';
import { flow, lookupFlow, sound } from '../harness/flowBuilder.ts';
import { useAriObserver } from '../harness/useAriObserver.ts';
import { useCallflow } from '../harness/useCallflow.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';

const lookupPort = 18_765;

/** A CRM stand-in: JSON for a known caller, slow or failing on request. */
function startCrm(): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://crm');
    if (url.pathname === '/slow') {
      const timer = setTimeout(() => response.end('{}'), 10_000);
      response.on('close', () => clearTimeout(timer));
      return;
    }
    if (url.pathname === '/fail') {
      response.statusCode = 500;
      response.end('oops');
      return;
    }
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify({ customer: { name: 'Ada', number: url.searchParams.get('caller') }, agent: '1002' }),
    );
  });
  return new Promise((resolve) => server.listen(lookupPort, '127.0.0.1', () => resolve(server)));
}

const crmFlow = (path: string) =>
  lookupFlow(
    {
      url: `http://127.0.0.1:${lookupPort}${path}?caller={{caller.number}}`,
      timeoutSeconds: 2,
      fields: [
        { variable: 'name', path: 'customer.name' },
        { variable: 'agent', path: 'agent' },
      ],
    },
    [
      { id: 'found', kind: 'play', options: { prompts: [{ type: 'digits', value: '{{vars.agent}}' }] } },
      { id: 'bye', kind: 'hangup' },
    ],
    ['found.next -> bye'],
  );

describe('HTTP lookup on real calls', () => {
  const harness = useCallflow();
  let crm: Server;

  beforeAll(async () => {
    crm = await startCrm();
    await harness.publish('7401', crmFlow('/customer'));
    await harness.publish('7402', crmFlow('/fail'));
    await harness.publish('7403', crmFlow('/slow'));
  });
  afterAll(() => {
    crm.closeAllConnections();
    crm.close();
  });

  it('stores JSON fields in variables used by later nodes', async () => {
    const since = new Date();
    const call = await placeCall({
      extension: '7401',
      from: '5550100',
      script: [{ pauseMs: 8000 }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall('7401', since);
    expect(pathOf(logged)).toEqual(['start:next', 'answer:next', 'crm:success', 'found:next', 'bye:ended']);
    expect(JSON.parse(logged.steps[2]?.variables ?? '{}')).toEqual({
      'http.status': '200',
      'vars.name': 'Ada',
      'vars.agent': '1002',
    });
  });

  it.each([
    ['7402', 'crm:error', /HTTP 500/],
    ['7403', 'crm:timeout', /no answer within 2 s/],
  ])('extension %s takes %s', async (extension, step, error) => {
    const since = new Date();
    const call = await placeCall({ extension, script: [{ pauseMs: 8000 }], expectRemoteHangup: true });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall(extension, since);
    expect(pathOf(logged)).toContain(step);
    expect(logged.steps[2]?.error).toMatch(error);
  });

  it('ends cleanly when the caller hangs up during the request', async () => {
    const since = new Date();
    const call = await placeCall({ extension: '7403', script: [{ pauseMs: 800 }, { hangup: true }] });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall('7403', since);
    expect(logged.outcome).toBe('caller_hangup');
    expect(pathOf(logged).at(-1)).toBe('crm:(caller hung up)');
  });
});

const openingHours = (days: string[]) =>
  flow(
    [
      { id: 'start', kind: 'start' },
      { id: 'answer', kind: 'answer' },
      {
        id: 'hours',
        kind: 'timeOfDay',
        options: { timeZone: 'Europe/Paris', ranges: [{ days, start: '09:00', end: '18:00' }] },
      },
      { id: 'open', kind: 'hangup', options: { cause: 'normal' } },
      { id: 'closed', kind: 'hangup', options: { cause: 'busy' } },
    ],
    ['start.next -> answer', 'answer.next -> hours', 'hours.open -> open', 'hours.closed -> closed'],
  );

describe('time of day with a fixed clock: Monday 10:30 in Paris', () => {
  const harness = useCallflow({ CALLFLOW_FIXED_TIME: '2026-11-23T09:30:00Z' });

  it('is open inside the hours and closed outside them', async () => {
    await harness.publish('7501', openingHours(['mon', 'tue', 'wed', 'thu', 'fri']));
    let since = new Date();
    const open = await placeCall({
      extension: '7501',
      script: [{ pauseMs: 5000 }],
      expectRemoteHangup: true,
    });
    expect(open.ok, open.errors ?? open.stderr).toBe(true);
    const openCall = await harness.waitForCall('7501', since);
    expect(pathOf(openCall)).toEqual(['start:next', 'answer:next', 'hours:open', 'open:ended']);

    await harness.publish('7501', openingHours(['sat', 'sun']));
    since = new Date();
    const closed = await placeCall({
      extension: '7501',
      script: [{ pauseMs: 5000 }],
      expectRemoteHangup: true,
    });
    expect(closed.ok, closed.errors ?? closed.stderr).toBe(true);
    expect(pathOf(await harness.waitForCall('7501', since))).toEqual([
      'start:next',
      'answer:next',
      'hours:closed',
      'closed:ended',
    ]);
  });
});

describe('play on real calls', () => {
  const harness = useCallflow();
  const asterisk = useAriObserver();

  it('plays prompts in order and routes an unknown sound to the error port', async () => {
    await harness.publish(
      '7601',
      flow(
        [
          { id: 'start', kind: 'start' },
          { id: 'answer', kind: 'answer' },
          {
            id: 'greet',
            kind: 'play',
            options: { prompts: [sound('hello-world'), { type: 'number', value: '42' }] },
          },
          { id: 'missing', kind: 'play', options: { prompts: [sound('no-such-sound-file')] } },
          { id: 'bye', kind: 'hangup' },
          { id: 'error', kind: 'hangup' },
        ],
        [
          'start.next -> answer',
          'answer.next -> greet',
          'greet.next -> missing',
          'missing.next -> bye',
          'missing.error -> error',
        ],
      ),
    );
    const since = new Date();
    const call = await placeCall({
      extension: '7601',
      script: [{ pauseMs: 10_000 }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall('7601', since);
    expect(pathOf(logged)).toEqual([
      'start:next',
      'answer:next',
      'greet:next',
      'missing:error',
      'error:ended',
    ]);
    expect(logged.steps[3]?.error).toMatch(/could not play sound:no-such-sound-file/);
    // What Asterisk itself played to the caller's channel, in order (not only what the call log says).
    expect(asterisk.current.mediaPlayedTo(logged.channelId)).toEqual([
      'sound:hello-world',
      'number:42',
      'sound:no-such-sound-file',
    ]);
  });

  it('ends cleanly when the caller hangs up mid-play', async () => {
    await harness.publish(
      '7602',
      flow(
        [
          { id: 'start', kind: 'start' },
          { id: 'answer', kind: 'answer' },
          {
            id: 'long',
            kind: 'play',
            options: {
              prompts: [
                sound('hello-world'),
                sound('hello-world'),
                sound('hello-world'),
                sound('hello-world'),
              ],
            },
          },
          { id: 'bye', kind: 'hangup' },
        ],
        ['start.next -> answer', 'answer.next -> long', 'long.next -> bye'],
      ),
    );
    const since = new Date();
    const call = await placeCall({ extension: '7602', script: [{ pauseMs: 1200 }, { hangup: true }] });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall('7602', since);
    expect(logged.outcome).toBe('caller_hangup');
    expect(pathOf(logged)).toEqual(['start:next', 'answer:next', 'long:(caller hung up)']);
  });
});
