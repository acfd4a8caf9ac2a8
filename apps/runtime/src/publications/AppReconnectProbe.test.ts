import { describe, expect, it, vi } from 'vitest';
import { publishWaitingMenu } from '../testing/publishWaitingMenu.ts';
import { simulateCalls } from '../testing/simulateCalls.ts';
import { useDatabaseAndFakeAri } from '../testing/useDatabaseAndFakeAri.ts';
import { publishedAppsOnFakeAri } from './testing/publishedAppsOnFakeAri.ts';

const fixture = useDatabaseAndFakeAri('reconnect-probe');

describe('AppReconnectProbe', () => {
  it('logs calls lost with the reason when Asterisk goes, and re-registers every app as soon as it answers again, however long their backoff has grown', async () => {
    // Callers wait in a menu: in progress when Asterisk goes away.
    for (const extension of ['6101', '6102', '6103']) await publishWaitingMenu(fixture.db, extension);

    const lines: string[] = [];
    const { apps, callLog } = publishedAppsOnFakeAri(fixture.db, fixture.server, {
      lines,
      // A backoff as long as a test run: only the probe can bring the apps back in time.
      connection: { backoff: { initialMs: 60_000, maxMs: 60_000, jitter: 0 }, keepaliveMs: 0 },
      reconnectProbeMs: 50,
    });
    const names = ['callflow-6101', 'callflow-6102', 'callflow-6103'];
    const registered = () => new Set(fixture.server.openSockets().map((socket) => socket.app));
    const calls = simulateCalls(fixture.server);
    try {
      await apps.poll();
      await vi.waitFor(() => expect([...registered()].sort()).toEqual(names));
      calls.startCall('callflow-6102', 'probe-call-1');
      await vi.waitFor(async () => {
        await callLog.flush();
        const live = await fixture.db.prisma.call.findFirst({ where: { channelId: 'probe-call-1' } });
        expect(live?.currentNodeId).toBe('menu');
      });

      const port = fixture.server.port;
      await fixture.server.stop();
      await vi.waitFor(() =>
        expect(apps.extensions.map((app) => app.state)).toEqual([
          'disconnected',
          'disconnected',
          'disconnected',
        ]),
      );
      await vi.waitFor(async () => {
        await callLog.flush();
        const lost = await fixture.db.prisma.call.findFirst({ where: { channelId: 'probe-call-1' } });
        expect(lost).toMatchObject({ outcome: 'lost', currentNodeId: null });
        expect(lost?.error).toMatch(
          /^the connection to Asterisk was lost during the call \(the ARI WebSocket for app 'callflow-6102' closed \(code 1006\)\)$/,
        );
      });

      await fixture.server.start(port);
      await vi.waitFor(() => expect([...registered()].sort()).toEqual(names), { timeout: 3000 });
      // The server sees a socket before the client has its 'open' event.
      await vi.waitFor(() =>
        expect(apps.extensions.map((app) => app.state)).toEqual(['connected', 'connected', 'connected']),
      );
      expect(fixture.server.requestsTo('GET', '/ari/asterisk/ping').length).toBeGreaterThanOrEqual(1);
      expect(lines.filter((line) => line.includes('Asterisk answers again'))).toEqual([
        expect.stringContaining('apps=3'),
      ]);
    } finally {
      await apps.stop(0);
      await callLog.close();
    }
  });
});
