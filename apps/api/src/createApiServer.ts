import { createServer, type Server } from 'node:http';
import type { Database } from '@callflow/db';
import { AriServers } from './ari/AriServers.ts';
import { loadApiConfig } from './config/apiConfig.ts';
import { createApp } from './createApp.ts';
import type { ApiServices } from './http/ApiServices.ts';
import { LiveStreams } from './http/LiveStreams.ts';
import { prepareAuthentication } from './services/auth/firstAdmin.ts';
import { PasswordHashing } from './services/auth/PasswordHashing.ts';
import { authenticateRequest } from './services/auth/sessions.ts';
import { promptMediaFrom } from './services/prompts/PromptMedia.ts';
import { SecretStore } from './services/secrets/SecretStore.ts';

/** Builds the API around an open database and starts listening; used by main.ts and the tests. */
export async function createApiServer(options: {
  db: Database;
  env?: NodeJS.ProcessEnv;
  log: ApiServices['log'];
  /** Default: scrypt at OWASP's parameters. Tests that log in often pass cheaper ones. */
  passwords?: PasswordHashing;
}): Promise<{ server: Server; services: ApiServices }> {
  const env = { ...process.env, ...options.env };
  const config = loadApiConfig(env);
  const { db } = options;
  const services: ApiServices = {
    db,
    log: options.log,
    audit: async (entry) => {
      await db.prisma.auditEvent.create({
        data: {
          actor: entry.actor,
          action: entry.action,
          target: entry.target,
          details: entry.details === undefined ? null : JSON.stringify(entry.details),
        },
      });
    },
    ari: new AriServers(config.ariServers),
    passwords: options.passwords ?? new PasswordHashing(),
    liveStreams: new LiveStreams({
      perSession: config.CALLFLOW_LIVE_STREAMS_PER_SESSION,
      sessionCheckMs: config.CALLFLOW_LIVE_STREAM_SESSION_CHECK_MS,
    }),
    secrets: SecretStore.fromEnv(db, env),
    prompts: promptMediaFrom(config, env),
  };
  await prepareAuthentication(services, env);
  const app = createApp({
    services,
    authenticate: authenticateRequest(services),
    bodyLimit: config.API_BODY_LIMIT,
    editorDir: config.EDITOR_DIR,
    allowedOrigins: config.CALLFLOW_ALLOWED_ORIGINS,
  });
  if (services.ari.list.length === 0) {
    options.log(
      'info',
      'no ARI configured: recordings and sounds answer 503 (set ARI_URL... or ARI_SERVERS)',
    );
  } else {
    options.log('info', 'reading recordings and sounds through ARI', {
      servers: services.ari.names.join(','),
    });
  }
  // The engine's id names an HTTP engine by its host only: never its path, query or credentials.
  options.log('info', 'prompt library', {
    speechEngine: services.prompts.speech.id,
    soundsDir: config.CALLFLOW_ASTERISK_SOUNDS_DIR,
    audioJobs: config.CALLFLOW_AUDIO_JOBS,
  });
  if (config.EDITOR_DIR === undefined) {
    options.log('info', 'the browser editor is not built; / says how to build it');
  } else {
    options.log('info', 'serving the browser editor', { dir: config.EDITOR_DIR });
  }
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.API_PORT, config.API_HOST, resolve);
  });
  return { server, services };
}
