import { openDatabase } from '@callflow/db';
import { AriClient } from './ari/index.ts';
import { CallLogWriter } from './callLog/CallLogWriter.ts';
import { ConfigError, loadRuntimeConfig } from './config/runtimeConfig.ts';
import { EventRouter } from './engine/EventRouter.ts';
import { NamedBridges } from './engine/NamedBridges.ts';
import { createGuardedFetch } from './http/guardedFetch.ts';
import { Logger } from './log/Logger.ts';
import { PublishedApps } from './publications/PublishedApps.ts';
import { RuntimeStatusReporter } from './status/RuntimeStatusReporter.ts';

async function main(): Promise<void> {
  const startedAt = new Date();
  let config: ReturnType<typeof loadRuntimeConfig>;
  try {
    config = loadRuntimeConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`callflow runtime: ${error.message}\n`);
    process.exit(2);
  }
  const logger = new Logger(config.CALLFLOW_LOG_LEVEL, { service: 'runtime' });
  // The runtime must keep serving calls whatever one of them does.
  process.on('unhandledRejection', (reason) =>
    logger.error('unhandled rejection', { reason: String(reason) }),
  );
  process.on('uncaughtException', (error) =>
    logger.error('uncaught exception', { reason: error.stack ?? String(error) }),
  );

  const db = await openDatabase(config.DATABASE_URL);
  const credentials = { url: config.ARI_URL, username: config.ARI_USERNAME, password: config.ARI_PASSWORD };
  const ari = new AriClient(credentials);
  const asteriskServer = new URL(config.ARI_URL).host;
  const callLog = new CallLogWriter(db, logger);
  const fixedTime =
    config.CALLFLOW_FIXED_TIME === undefined ? undefined : new Date(config.CALLFLOW_FIXED_TIME);
  const nodeClock = fixedTime === undefined ? () => new Date() : () => new Date(fixedTime);

  const lost = await db.prisma.call
    .updateMany({
      where: { endedAt: null, asteriskServer },
      data: {
        endedAt: new Date(),
        outcome: 'lost',
        error: 'the runtime stopped while the call was in progress',
      },
    })
    .catch(() => ({ count: 0 }));
  if (lost.count > 0)
    logger.warn('marked calls interrupted by the previous runtime as lost', { calls: lost.count });

  // HTTP lookup nodes reach only public hosts and those CALLFLOW_HTTP_ALLOW lists.
  const http = createGuardedFetch({ allow: config.CALLFLOW_HTTP_ALLOW });
  if (!http.pinsAddresses)
    logger.warn(
      'HTTP lookups: cannot pin connections to checked addresses on this Node version; hosts are checked just before each request',
    );

  const router = new EventRouter();
  const apps = new PublishedApps({
    db,
    ari,
    ariCredentials: credentials,
    appPrefix: config.CALLFLOW_APP_PREFIX,
    pollMs: config.CALLFLOW_POLL_MS,
    router,
    callLog,
    logger,
    session: {
      bridges: new NamedBridges(ari, logger),
      asteriskServer,
      liveChannels: new Set(),
      stepLimit: config.CALLFLOW_STEP_LIMIT,
      now: () => new Date(),
      nodeClock,
      fetch: http.fetch,
    },
  });
  const status = new RuntimeStatusReporter({
    db,
    ari,
    asteriskServer,
    startedAt,
    apps: () => apps.extensions,
    logger,
  });
  apps.onChange(() => status.update());
  status.start();
  await apps.start();
  callLog.runtimeEvent({
    level: 'info',
    type: 'runtime_started',
    message: 'runtime started',
    asteriskServer,
  });
  logger.info('runtime started', {
    ari: config.ARI_URL,
    user: config.ARI_USERNAME,
    apps: apps.extensions.length,
    httpAllow: config.CALLFLOW_HTTP_ALLOW.entries.join(',') || 'none',
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    await apps.stop();
    await status.stop();
    await http.close();
    callLog.runtimeEvent({
      level: 'info',
      type: 'runtime_stopped',
      message: `runtime stopped (${signal})`,
      asteriskServer,
    });
    await callLog.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
