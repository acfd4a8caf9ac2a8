import { ConfigError } from '@callflow/ari';
import { openDirectDatabase, type SecretsKey, SecretsKeyError, secretsKeyFromEnv } from '@callflow/db';
import { type SpeechEngine, speechEngineFromEnv } from '@callflow/media';
import { CallLogWriter } from './callLog/CallLogWriter.ts';
import { callLimitsOf, loadRuntimeConfig } from './config/runtimeConfig.ts';
import { createGuardedFetch } from './http/guardedFetch.ts';
import { Logger } from './log/Logger.ts';
import { PromptMedia } from './media/PromptMedia.ts';
import { MetricsServer } from './metrics/MetricsServer.ts';
import { RuntimeMetrics } from './metrics/RuntimeMetrics.ts';
import { RuntimeSecrets } from './secrets/RuntimeSecrets.ts';
import { CallflowRuntime } from './servers/CallflowRuntime.ts';

async function main(): Promise<void> {
  const startedAt = new Date();
  let config: ReturnType<typeof loadRuntimeConfig>;
  let secretsKey: SecretsKey | null;
  let speechEngine: SpeechEngine;
  try {
    config = loadRuntimeConfig();
    secretsKey = secretsKeyFromEnv();
  } catch (error) {
    if (!(error instanceof ConfigError) && !(error instanceof SecretsKeyError)) throw error;
    process.stderr.write(`callflow runtime: ${error.message}\n`);
    process.exit(2);
  }
  try {
    // CALLFLOW_TTS_*: the same engine the API renders published texts with, so their keys match.
    speechEngine = speechEngineFromEnv(process.env);
  } catch (error) {
    process.stderr.write(`callflow runtime: ${error instanceof Error ? error.message : String(error)}\n`);
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

  const db = openDirectDatabase(config.DATABASE_URL);
  const metrics = new RuntimeMetrics();
  const callLog = new CallLogWriter(db.sql, logger, {
    counters: metrics.callLog,
    maxBufferedSteps: config.CALLFLOW_CALL_LOG_BUFFER,
    flushMs: config.CALLFLOW_CALL_LOG_FLUSH_MS,
  });
  const fixedTime =
    config.CALLFLOW_FIXED_TIME === undefined ? undefined : new Date(config.CALLFLOW_FIXED_TIME);
  const nodeClock = fixedTime === undefined ? () => new Date() : () => new Date(fixedTime);

  // HTTP lookup nodes reach only public hosts and those CALLFLOW_HTTP_ALLOW lists.
  const http = createGuardedFetch({ allow: config.CALLFLOW_HTTP_ALLOW });
  if (!http.pinsAddresses)
    logger.warn(
      'HTTP lookups: cannot pin connections to checked addresses on this Node version; hosts are checked just before each request',
    );

  // Asterisk fetches library prompts and spoken texts from this listener (res_http_media_cache).
  const prompts = new PromptMedia({
    sql: db.sql,
    engine: speechEngine,
    logger,
    metrics,
    listen: config.CALLFLOW_MEDIA_LISTEN,
    url: config.CALLFLOW_MEDIA_URL,
    libraryCacheBytes: config.CALLFLOW_MEDIA_CACHE_MB,
    speechCacheBytes: config.CALLFLOW_SPEECH_CACHE_MB,
    speechTimeoutMs: config.CALLFLOW_SPEECH_TIMEOUT_MS,
    speechConcurrency: config.CALLFLOW_SPEECH_CONCURRENCY,
  });
  const mediaUrl = await prompts.start();

  const runtime = new CallflowRuntime({
    servers: config.ariServers,
    db,
    callLog,
    logger,
    metrics,
    appPrefix: config.CALLFLOW_APP_PREFIX,
    pollMs: config.CALLFLOW_POLL_MS,
    stepLimit: config.CALLFLOW_STEP_LIMIT,
    limits: callLimitsOf(config),
    nodeClock,
    fetch: http.fetch,
    secrets: new RuntimeSecrets({ sql: db.sql, key: secretsKey }),
    prompts,
    startedAt,
  });

  const metricsServer = new MetricsServer(metrics.registry, logger);
  let metricsUrl = 'off';
  if (config.CALLFLOW_METRICS_PORT !== null) {
    const host = config.CALLFLOW_METRICS_HOST;
    const port = config.CALLFLOW_METRICS_PORT;
    try {
      metricsUrl = (await metricsServer.listen(host, port)).url;
      logger.info('Prometheus metrics served', { url: metricsUrl });
    } catch (error) {
      // Calls matter more than their figures: run on, and say once why there are none.
      logger.warn('cannot serve Prometheus metrics; /metrics is off, calls are not affected', {
        host,
        port,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  await runtime.start();
  logger.info('runtime started', {
    servers: runtime.servers.map((server) => server.name).join(','),
    ari: config.ariServers.map((server) => server.url).join(','),
    user: [...new Set(config.ariServers.map((server) => server.username))].join(','),
    apps: Math.max(...runtime.servers.map((server) => server.apps.extensions.length)),
    httpAllow: config.CALLFLOW_HTTP_ALLOW.entries.join(',') || 'none',
    metrics: metricsUrl,
    media: mediaUrl ?? 'off (listener failed)',
    secrets: secretsKey === null ? 'off (no CALLFLOW_SECRETS_KEY)' : `key ${secretsKey.id}`,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    await runtime.stop(signal, config.CALLFLOW_STOP_GRACE_SECONDS * 1000);
    await http.close();
    await prompts.close();
    await metricsServer.close();
    await callLog.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
