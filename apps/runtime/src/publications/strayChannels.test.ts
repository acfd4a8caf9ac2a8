import type { FakeReply } from '@callflow/ari/testing';
import { channelJson, eventOrders } from '@callflow/ari/testing';
import { describe, expect, it, vi } from 'vitest';
import type { CallLogWriter } from '../callLog/CallLogWriter.ts';
import { publishWaitingMenu } from '../testing/publishWaitingMenu.ts';
import { simulateCalls } from '../testing/simulateCalls.ts';
import { useDatabaseAndFakeAri } from '../testing/useDatabaseAndFakeAri.ts';
import { publishedAppsOnFakeAri } from './testing/publishedAppsOnFakeAri.ts';

/*
 * The stray-channel cleanup: when an app (re)registers, channels still sitting in it that no call
 * session owns (left from a dropped connection or a runtime restart: Asterisk replays no StasisStart
 * for them) are hung up; a call arriving meanwhile is not.
 */

const fixture = useDatabaseAndFakeAri('strays');

const publishMenu = (extension: string) => publishWaitingMenu(fixture.db, extension);

function startApps(lines: string[]) {
  return publishedAppsOnFakeAri(fixture.db, fixture.server, {
    lines,
    connection: { keepaliveMs: 0, backoff: { initialMs: 20, maxMs: 20, jitter: 0 } },
    // Far longer than the 100 ms the late StasisStart below lags behind the HTTP answer.
    strayGraceMs: 2000,
  });
}

const hangups = (channelId: string) => fixture.server.requestsTo('DELETE', `/ari/channels/${channelId}`);

async function currentNode(callLog: CallLogWriter, channelId: string) {
  await callLog.flush();
  return (await fixture.db.prisma.call.findFirst({ where: { channelId } }))?.currentNodeId;
}

describe('stray-channel cleanup', () => {
  // Two grace periods of 2 s (one per registration) and a publish: over vitest's 5 s on a busy machine.
  it('hangs up, when the app registers and again when it re-registers, channels left in it without a call session, and runs no flow on them', async () => {
    await publishMenu('6401');
    const app = 'callflow-6401';
    const calls = simulateCalls(fixture.server);
    calls.leaveChannel(app, 'stray-1');
    const lines: string[] = [];
    const { apps, callLog } = startApps(lines);
    try {
      await apps.poll();
      await vi.waitFor(() => expect(hangups('stray-1')).toHaveLength(1), { timeout: 5000 });
      expect(calls.channels.has('stray-1')).toBe(false);

      // The connection drops; a channel is left behind meanwhile; the app registers again.
      calls.leaveChannel(app, 'stray-2');
      fixture.server.dropSockets();
      await vi.waitFor(() => expect(hangups('stray-2')).toHaveLength(1), { timeout: 5000 });
      expect(fixture.server.requestsTo('GET', `/ari/applications/${app}`).length).toBeGreaterThanOrEqual(2);
      expect(await currentNode(callLog, 'stray-1')).toBeUndefined();
      expect(await currentNode(callLog, 'stray-2')).toBeUndefined();
      expect(lines.filter((line) => line.includes('left without a call session'))).toEqual([
        expect.stringContaining('channel=stray-1'),
        expect.stringContaining('channel=stray-2'),
      ]);
    } finally {
      await apps.stop(0);
      await callLog.close();
    }
  }, 15_000);

  it("leaves alone the channels other apps' calls own", async () => {
    await publishMenu('6402');
    await publishMenu('6403');
    const calls = simulateCalls(fixture.server);
    const lines: string[] = [];
    const { apps, callLog, liveChannels } = startApps(lines);
    try {
      await apps.poll();
      await vi.waitFor(() => expect(fixture.server.openSockets('callflow-6403')).toHaveLength(1));
      calls.startCall('callflow-6403', 'owned-1');
      await vi.waitFor(async () => expect(await currentNode(callLog, 'owned-1')).toBe('menu'));
      expect(liveChannels.has('owned-1')).toBe(true);
      // Asterisk lists, in 6402, a channel a 6403 call owns (e.g. an outbound leg moved between apps).
      calls.leaveChannel('callflow-6402', 'stray-3');
      fixture.server.route('GET', '/ari/applications/callflow-6402', () => ({
        json: { name: 'callflow-6402', channel_ids: ['owned-1', 'stray-3'], bridge_ids: [] },
      }));
      fixture.server.openSockets('callflow-6402')[0]?.ws.close(1011, 'going away');
      await vi.waitFor(() => expect(hangups('stray-3')).toHaveLength(1), { timeout: 5000 });
      expect(hangups('owned-1')).toEqual([]);
      expect(await currentNode(callLog, 'owned-1')).toBe('menu');
    } finally {
      await apps.stop(0);
      await callLog.close();
    }
  });

  describe.each(eventOrders)(
    'a new call arriving while the cleanup runs, its StasisStart sent with the %s listing it',
    (order) => {
      it('is served, not hung up; the leftover listed with it is hung up', async () => {
        const extension = order === 'events before the answer' ? '6404' : '6405';
        const app = `callflow-${extension}`;
        const newCall = `new-call-${extension}`;
        const stray = `stray-${extension}`;
        await publishMenu(extension);
        const calls = simulateCalls(fixture.server);
        calls.leaveChannel(app, stray);
        // The call enters Stasis just as the runtime asks which channels the app has: Asterisk lists it
        // at once, and its StasisStart goes out on the WebSocket before or after the HTTP answer.
        let answered = false;
        fixture.server.route('GET', `/ari/applications/${app}`, async (): Promise<FakeReply> => {
          const listing = {
            json: { name: app, channel_ids: [stray, newCall], bridge_ids: [] },
          };
          if (answered) return listing;
          answered = true;
          const stasisStart = { type: 'StasisStart', args: [], channel: channelJson(newCall) };
          if (order === 'events before the answer') {
            await fixture.server.sendEventHandled(app, stasisStart);
            return listing;
          }
          // Later than the answer by as much as a busy WebSocket may lag behind HTTP.
          return {
            ...listing,
            afterSent: () => setTimeout(() => fixture.server.sendEvent(app, stasisStart), 100),
          };
        });
        const lines: string[] = [];
        const { apps, callLog } = startApps(lines);
        try {
          await apps.poll();
          await vi.waitFor(() => expect(hangups(stray)).toHaveLength(1), { timeout: 5000 });
          await vi.waitFor(async () => expect(await currentNode(callLog, newCall)).toBe('menu'));
          expect(hangups(newCall)).toEqual([]);
          expect(lines.filter((line) => line.includes('left without a call session'))).toEqual([
            expect.stringContaining(`channel=${stray}`),
          ]);
        } finally {
          await apps.stop(0);
          await callLog.close();
        }
      });
    },
  );
});
