import { AriClient } from '@callflow/ari';
import type { FakeAriServer } from '@callflow/ari/testing';
import type { Database } from '@callflow/db';
import { CallLogWriter, type CallLogWriterOptions } from '../../callLog/CallLogWriter.ts';
import { EventRouter } from '../../engine/EventRouter.ts';
import { NamedBridges } from '../../engine/NamedBridges.ts';
import { Logger, type LogLevel } from '../../log/Logger.ts';
import { RuntimeMetrics } from '../../metrics/RuntimeMetrics.ts';
import type { SessionSettings } from '../IncomingCalls.ts';
import { PublishedApps, type PublishedAppsOptions } from '../PublishedApps.ts';

export interface PublishedAppsSetup extends Partial<PublishedAppsOptions> {
  /** Where the log lines go; default nowhere. */
  lines?: string[];
  /** Default info. */
  logLevel?: LogLevel;
  /** Default a flush every 10 ms. */
  callLogOptions?: CallLogWriterOptions;
  /** The calls' library prompts and speech (PromptMedia); default none. */
  prompts?: SessionSettings['prompts'];
}

/**
 * PublishedApps of server 'test' on the fake Asterisk, with the call log on `db`; apps named
 * `callflow-<extension>`, polled only when the test calls poll(), keepalive off (`extra` overrides).
 */
export function publishedAppsOnFakeAri(db: Database, server: FakeAriServer, setup: PublishedAppsSetup = {}) {
  const { lines = [], logLevel = 'info', callLogOptions = { flushMs: 10 }, prompts, ...extra } = setup;
  const logger = new Logger(logLevel, {}, (line) => lines.push(line));
  const ari = new AriClient({ url: server.url, username: server.username, password: server.password });
  const callLog = new CallLogWriter(db.sql, logger, callLogOptions);
  const metrics = new RuntimeMetrics();
  const liveChannels = new Set<string>();
  const apps = new PublishedApps({
    db,
    ari,
    appPrefix: 'callflow-',
    pollMs: 1000,
    router: new EventRouter(),
    callLog,
    logger,
    connection: { keepaliveMs: 0 },
    session: {
      bridges: new NamedBridges(ari, logger),
      asteriskServer: 'test',
      metrics: metrics.forServer('test'),
      liveChannels,
      stepLimit: 100,
      now: () => new Date(),
      nodeClock: () => new Date(),
      fetch,
      prompts,
    },
    ...extra,
  });
  return {
    apps,
    callLog,
    metrics,
    liveChannels,
    /** Stops the apps at once and writes the rest of the call log. */
    close: async () => {
      await apps.stop(0);
      await callLog.close();
    },
  };
}
