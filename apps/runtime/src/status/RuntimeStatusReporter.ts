import type { AriClient } from '@callflow/ari';
import { type DirectDatabase, writeRuntimeStatus } from '@callflow/db';
import { errorReason } from '../log/errorReason.ts';
import type { Logger } from '../log/Logger.ts';
import { alignedDelay } from '../timing/alignedDelay.ts';

/** One published extension as the runtime holds it (PublishedApps.extensions). */
export interface AppStatus {
  extension: string;
  appName: string;
  /** The version new calls get; null while unpublished but finishing calls. */
  versionId: string | null;
  /** The app's ARI connection state: `connected`, `connecting`, `disconnected`, `idle`. */
  state: string;
}

/** What one RuntimeStatus row says, before JSON encoding. */
export interface RuntimeStatusSnapshot {
  /**
   * True when Asterisk answered `GET /asterisk/info` during this heartbeat and every Stasis app the
   * runtime holds is registered (its WebSocket is connected); with no published extension, only the
   * first part counts. False while any app is connecting or disconnected, or ARI does not answer.
   */
  connected: boolean;
  /** From the last `GET /asterisk/info` that answered (kept while ARI does not answer); null before. */
  asteriskVersion: string | null;
  /** Names of the Stasis apps whose WebSocket is connected right now, sorted. */
  apps: string[];
  /** Extension → flow version id new calls to it get (connected or not: see `apps`). */
  serving: Record<string, string>;
}

export interface RuntimeStatusReporterOptions {
  db: DirectDatabase;
  ari: AriClient;
  /** The row's key: the server's name (host:port of its URL unless configured). */
  asteriskServer: string;
  startedAt: Date;
  /** The apps right now. */
  apps: () => readonly AppStatus[];
  logger: Logger;
  /** Default 2000 ms. */
  intervalMs?: number;
  /** Timeout of the `GET /asterisk/info` check; default 1500 ms. */
  ariTimeoutMs?: number;
  now?: () => Date;
}

/**
 * Keeps this runtime's RuntimeStatus row fresh: writes it every `intervalMs` and soon after each
 * `update()` (connection or publication change), one write at a time, changes during a write folded
 * into one more. Readers treat a row not updated for 10 s as stale. A database or ARI failure never
 * reaches the caller: it is logged once, and writing resumes when the database answers again.
 */
export class RuntimeStatusReporter {
  readonly #options: RuntimeStatusReporterOptions;
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> | undefined;
  #pending = false;
  #stopped = false;
  #asteriskVersion: string | null = null;
  #databaseDown = false;
  #ariDown = false;
  #connected: boolean | undefined;

  constructor(options: RuntimeStatusReporterOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#timer !== undefined || this.#stopped) return;
    const intervalMs = this.#options.intervalMs ?? 2000;
    const beat = () => {
      this.update();
      if (!this.#stopped) this.#timer = setTimeout(beat, alignedDelay(intervalMs));
    };
    beat();
  }

  /** Asks for a write soon; returns at once. */
  update(): void {
    if (this.#stopped) return;
    this.#pending = true;
    this.#writing ??= this.#drain();
  }

  /** What the last heartbeat found (undefined before the first); see RuntimeStatusSnapshot.connected. */
  get connected(): boolean | undefined {
    return this.#connected;
  }

  /** True while the status row cannot be written. */
  get databaseDown(): boolean {
    return this.#databaseDown;
  }

  /** Resolves when no write is pending or running (for tests). */
  async settled(): Promise<void> {
    while (this.#writing !== undefined) await this.#writing;
  }

  /** Stops the heartbeat and writes a last row: not connected, no apps, nothing served. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.settled();
    await this.#write({
      connected: false,
      asteriskVersion: this.#asteriskVersion,
      apps: [],
      serving: {},
    });
  }

  /** The row as it would be written now (queries ARI). */
  async snapshot(): Promise<RuntimeStatusSnapshot> {
    const ariAnswers = await this.#checkAri();
    const apps = this.#options.apps();
    const serving: Record<string, string> = {};
    for (const app of [...apps].sort((a, b) => a.extension.localeCompare(b.extension)))
      if (app.versionId !== null) serving[app.extension] = app.versionId;
    return {
      connected: ariAnswers && apps.every((app) => app.state === 'connected'),
      asteriskVersion: this.#asteriskVersion,
      apps: apps
        .filter((app) => app.state === 'connected')
        .map((app) => app.appName)
        .sort(),
      serving,
    };
  }

  async #drain(): Promise<void> {
    try {
      while (this.#pending && !this.#stopped) {
        this.#pending = false;
        try {
          await this.#write(await this.snapshot());
        } catch (error) {
          // Not expected (both steps catch their own failures), but never let it escape.
          this.#options.logger.error('runtime status update failed', { reason: String(error) });
        }
      }
    } finally {
      // In the same turn as the last check of #pending, so no update() can fall in between.
      this.#writing = undefined;
    }
  }

  async #checkAri(): Promise<boolean> {
    const { ari, logger } = this.#options;
    try {
      const info = await ari.asterisk.info({ timeoutMs: this.#options.ariTimeoutMs ?? 1500 });
      this.#asteriskVersion = info.system?.version ?? this.#asteriskVersion;
      if (this.#ariDown) logger.debug('runtime status: ARI answers again');
      this.#ariDown = false;
      return true;
    } catch {
      // Debug only and without the reason: each app's connection already logs one clear line about
      // it (the e2e tests count that line), so this one must not repeat it.
      if (!this.#ariDown)
        logger.debug('runtime status: no answer to GET /asterisk/info; reporting not connected');
      this.#ariDown = true;
      return false;
    }
  }

  async #write(snapshot: RuntimeStatusSnapshot): Promise<void> {
    const { db, asteriskServer, startedAt, logger } = this.#options;
    this.#connected = snapshot.connected;
    try {
      await writeRuntimeStatus(db.sql, {
        asteriskServer,
        ...snapshot,
        startedAt,
        updatedAt: this.#options.now?.() ?? new Date(),
      });
      if (this.#databaseDown) logger.info('runtime status: database reachable again');
      this.#databaseDown = false;
    } catch (error) {
      // Calls do not depend on this row: say it once and keep trying on the next heartbeat.
      if (!this.#databaseDown)
        logger.error('cannot write the runtime status; calls are not affected, retrying', {
          reason: errorReason(error),
        });
      this.#databaseDown = true;
    }
  }
}
