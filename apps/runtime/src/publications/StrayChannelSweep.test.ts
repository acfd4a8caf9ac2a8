import { AriClient } from '@callflow/ari';
import { FakeAriServer } from '@callflow/ari/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Logger } from '../log/Logger.ts';
import { simulateCalls } from '../testing/simulateCalls.ts';
import { StrayChannelSweep } from './StrayChannelSweep.ts';

let server: FakeAriServer;

beforeAll(async () => {
  server = new FakeAriServer();
  await server.start();
});

afterAll(async () => {
  await server.stop();
});

describe('StrayChannelSweep.stop', () => {
  it('ends a sweep waiting out its grace at once, with nothing hung up and no timer left', async () => {
    const app = 'callflow-6501';
    simulateCalls(server).leaveChannel(app, 'stray-late');
    const ari = new AriClient({ url: server.url, username: server.username, password: server.password });
    const lines: string[] = [];
    // An hour of grace: without stop() ending it, this test would time out.
    const sweep = new StrayChannelSweep({
      ari,
      logger: new Logger('info', {}, (line) => lines.push(line)),
      liveChannels: new Set(),
      graceMs: 3_600_000,
    });
    const sweeping = sweep.sweep(app);
    await vi.waitFor(() => expect(server.requestsTo('GET', `/ari/applications/${app}`)).toHaveLength(1));
    sweep.stop();
    await sweeping;
    expect(server.requestsTo('DELETE', '/ari/channels/stray-late')).toEqual([]);
    expect(lines).toEqual([]);
  });
});
