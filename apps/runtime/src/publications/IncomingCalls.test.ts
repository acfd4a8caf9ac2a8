import { channelJson } from '@callflow/ari/testing';
import { unpublishExtension } from '@callflow/catalog/testing';
import { describe, expect, it, vi } from 'vitest';
import type { CallLogWriter } from '../callLog/CallLogWriter.ts';
import { defaultCallLimits } from '../engine/CallLimits.ts';
import { publishWaitingMenu } from '../testing/publishWaitingMenu.ts';
import { simulateCalls } from '../testing/simulateCalls.ts';
import { useDatabaseAndFakeAri } from '../testing/useDatabaseAndFakeAri.ts';
import { publishedAppsOnFakeAri } from './testing/publishedAppsOnFakeAri.ts';

const fixture = useDatabaseAndFakeAri('incoming-calls');

const publishMenu = (extension: string) => publishWaitingMenu(fixture.db, extension);

async function callRow(callLog: CallLogWriter, channelId: string) {
  await callLog.flush();
  return fixture.db.prisma.call.findFirst({ where: { channelId } });
}

describe('IncomingCalls: who gets a call session', () => {
  it('takes a StasisStart whose argument claims an outbound leg, for a channel the runtime did not create, for a new call with its call log row', async () => {
    await publishMenu('6201');
    const lines: string[] = [];
    const { apps, callLog } = publishedAppsOnFakeAri(fixture.db, fixture.server, { lines });
    const calls = simulateCalls(fixture.server);
    try {
      await apps.poll();
      await vi.waitFor(() => expect(fixture.server.openSockets('callflow-6201')).toHaveLength(1));
      // A caller dialling "6201,callflow-outbound-leg" reaches Stasis(callflow-6201,callflow-outbound-leg).
      calls.startCall('callflow-6201', 'forged-leg-1');
      fixture.server.sendEvent('callflow-6201', {
        type: 'StasisStart',
        args: ['callflow-outbound-leg'],
        channel: channelJson('forged-leg-2'),
      });
      await vi.waitFor(async () => {
        expect((await callRow(callLog, 'forged-leg-2'))?.currentNodeId).toBe('menu');
      });
      expect(apps.extensions.find((app) => app.extension === '6201')?.activeCalls).toBe(2);
    } finally {
      await apps.stop(0);
      await callLog.close();
    }
  });

  it('hangs up, and runs no flow on, a channel with an outbound leg id that no dial is waiting for', async () => {
    await publishMenu('6202');
    const lines: string[] = [];
    const { apps, callLog } = publishedAppsOnFakeAri(fixture.db, fixture.server, { lines });
    simulateCalls(fixture.server);
    try {
      await apps.poll();
      await vi.waitFor(() => expect(fixture.server.openSockets('callflow-6202')).toHaveLength(1));
      const late = 'callflow-leg-00000000-0000-4000-8000-000000000001';
      fixture.server.sendEvent('callflow-6202', {
        type: 'StasisStart',
        args: [],
        channel: channelJson(late),
      });
      await vi.waitFor(() =>
        expect(fixture.server.requestsTo('DELETE', `/ari/channels/${late}`)).toHaveLength(1),
      );
      expect(await callRow(callLog, late)).toBeNull();
      expect(lines.some((line) => line.includes('outbound leg that arrived after its dial step ended'))).toBe(
        true,
      );
    } finally {
      await apps.stop(0);
      await callLog.close();
    }
  });
});

describe('IncomingCalls: calls in progress limits', () => {
  it('refuses a call beyond the limit per extension (busy) and beyond the total (congestion) before answering, with a log line, a metric and a call log row', async () => {
    for (const extension of ['6301', '6302', '6303']) await publishMenu(extension);
    const lines: string[] = [];
    const { apps, callLog, metrics } = publishedAppsOnFakeAri(fixture.db, fixture.server, {
      lines,
      limits: { ...defaultCallLimits, maxCalls: 2, maxCallsPerExtension: 1 },
    });
    const calls = simulateCalls(fixture.server);
    const inMenu = (channelId: string) =>
      vi.waitFor(async () => expect((await callRow(callLog, channelId))?.currentNodeId).toBe('menu'));
    const hangupRequests = (channelId: string) =>
      fixture.server.requestsTo('DELETE', `/ari/channels/${channelId}`).map((request) => request.rawQuery);
    try {
      await apps.poll();
      await vi.waitFor(() => expect(fixture.server.openSockets('callflow-6303')).toHaveLength(1));
      calls.startCall('callflow-6301', 'limit-a');
      await inMenu('limit-a');

      calls.startCall('callflow-6301', 'limit-b');
      await vi.waitFor(() => expect(hangupRequests('limit-b')).toEqual(['reason=busy']));
      calls.startCall('callflow-6302', 'limit-c');
      await inMenu('limit-c');
      calls.startCall('callflow-6303', 'limit-d');
      await vi.waitFor(() => expect(hangupRequests('limit-d')).toEqual(['reason=congestion']));

      for (const refused of ['limit-b', 'limit-d']) {
        expect(fixture.server.requestsTo('POST', `/ari/channels/${refused}/answer`)).toEqual([]);
        await vi.waitFor(async () => expect((await callRow(callLog, refused))?.outcome).toBe('rejected'));
      }
      expect(await callRow(callLog, 'limit-b')).toMatchObject({
        extension: '6301',
        stepCount: 0,
        hangupCause: '17 User busy',
        error:
          'refused before answering: extension 6301 already has 1 call in progress, the most CALLFLOW_MAX_CALLS_PER_EXTENSION allows',
      });
      expect(await callRow(callLog, 'limit-d')).toMatchObject({
        hangupCause: '34 Circuit/channel congestion',
        error:
          'refused before answering: 2 calls in progress, the most CALLFLOW_MAX_CALLS allows over every Asterisk server',
      });
      expect(metrics.callsRejected.labels('test', 'calls_per_extension').value).toBe(1);
      expect(metrics.callsRejected.labels('test', 'calls_in_progress').value).toBe(1);
      expect(lines.filter((line) => line.includes('refused a call'))).toEqual([
        expect.stringMatching(/WARN .*refused a call .*reason=calls_per_extension .*channel=limit-b/),
        expect.stringMatching(/WARN .*refused a call .*reason=calls_in_progress .*channel=limit-d/),
      ]);

      // A call that ends gives its place back.
      fixture.server.sendEvent('callflow-6301', { type: 'StasisEnd', channel: channelJson('limit-a') });
      await vi.waitFor(async () =>
        expect((await callRow(callLog, 'limit-a'))?.outcome).toBe('caller_hangup'),
      );
      calls.startCall('callflow-6301', 'limit-e');
      await inMenu('limit-e');
    } finally {
      await apps.stop(0);
      await callLog.close();
    }
  });
});

describe('IncomingCalls: a call to an extension just unpublished', () => {
  it('sends a new call back to the dialplan to be rejected while the call in progress finishes, then unregisters the app', async () => {
    await publishMenu('6211');
    const lines: string[] = [];
    const { apps, callLog, metrics, close } = publishedAppsOnFakeAri(fixture.db, fixture.server, { lines });
    const calls = simulateCalls(fixture.server);
    fixture.server.route('POST', /^\/ari\/channels\/[^/]+\/variable$/, () => ({ status: 204 }));
    fixture.server.route('POST', /^\/ari\/channels\/[^/]+\/continue$/, () => ({ status: 204 }));
    const app = () => apps.extensions.find((published) => published.extension === '6211');
    try {
      await apps.poll();
      await vi.waitFor(() => expect(fixture.server.openSockets('callflow-6211')).toHaveLength(1));
      calls.startCall('callflow-6211', 'before-unpublish');
      await vi.waitFor(async () =>
        expect((await callRow(callLog, 'before-unpublish'))?.currentNodeId).toBe('menu'),
      );
      await unpublishExtension(fixture.db, '6211');
      await apps.poll();
      expect(app()).toMatchObject({ versionId: null, activeCalls: 1 });

      calls.startCall('callflow-6211', 'after-unpublish');
      // Logged once Asterisk has taken the call back.
      await vi.waitFor(() =>
        expect(lines.filter((line) => line.includes('rejected a call to an unpublished extension'))).toEqual([
          expect.stringContaining('channel=after-unpublish'),
        ]),
      );
      expect(fixture.server.requestsTo('POST', '/ari/channels/after-unpublish/continue')).toHaveLength(1);
      expect(
        fixture.server
          .requestsTo('POST', '/ari/channels/after-unpublish/variable')
          .map((request) => [request.query.get('variable'), request.query.get('value')]),
      ).toEqual([['CALLFLOW_REJECT', '1']]);
      expect(fixture.server.requestsTo('POST', '/ari/channels/after-unpublish/answer')).toEqual([]);
      expect(await callRow(callLog, 'after-unpublish')).toBeNull();
      expect(metrics.callsRejected.labels('test', 'unpublished').value).toBe(1);

      // The last call ends: the app goes.
      fixture.server.sendEvent('callflow-6211', {
        type: 'StasisEnd',
        channel: channelJson('before-unpublish'),
      });
      await vi.waitFor(() => expect(app()).toBeUndefined());
      await vi.waitFor(() => expect(fixture.server.openSockets('callflow-6211')).toHaveLength(0));
    } finally {
      await close();
    }
  });
});
