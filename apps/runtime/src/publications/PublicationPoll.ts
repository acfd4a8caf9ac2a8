import { type DirectSql, type PublicationRow, readPublications } from '@callflow/db';
import type { CallLogWriter } from '../callLog/CallLogWriter.ts';
import type { LoadedVersion } from '../engine/CallSession.ts';
import { errorReason } from '../log/errorReason.ts';
import type { Logger } from '../log/Logger.ts';
import { alignedDelay } from '../timing/alignedDelay.ts';
import type { AppConnections } from './AppConnections.ts';
import type { AppNotices } from './AppNotices.ts';
import type { PublishedVersions } from './PublishedVersions.ts';

export interface PublicationPollOptions {
  sql: DirectSql;
  pollMs: number;
  versions: PublishedVersions;
  apps: AppConnections;
  notices: AppNotices;
  callLog: CallLogWriter;
  logger: Logger;
  asteriskServer: string;
}

/**
 * Follows the publication table every `pollMs`: a new row registers its extension's app, a changed
 * row switches new calls to the new version (calls in progress keep theirs), and a deleted row stops
 * new calls at once and unregisters the app when its last call ends. While the database fails, what
 * is served stays as it is.
 */
export class PublicationPoll {
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #databaseDown = false;

  constructor(private readonly options: PublicationPollOptions) {}

  /** True while the publication table (or a version it names) cannot be read. */
  get databaseDown(): boolean {
    return this.#databaseDown;
  }

  /** Polls once (awaited), then every `pollMs` until stop(). */
  async start(): Promise<void> {
    const { logger, pollMs } = this.options;
    await this.poll().catch((error: unknown) =>
      logger.error('publication check failed; retrying', { reason: String(error) }),
    );
    const loop = async () => {
      if (this.#stopped) return;
      try {
        await this.poll();
      } catch (error) {
        logger.error('publication check failed; retrying', { reason: String(error) });
      } finally {
        if (!this.#stopped) this.#timer = setTimeout(loop, alignedDelay(pollMs));
      }
    };
    this.#timer = setTimeout(loop, alignedDelay(pollMs));
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  /** One pass: compare the publication table with the registered apps and apply the difference. */
  async poll(): Promise<void> {
    const { apps, logger, notices } = this.options;
    let rows: PublicationRow[];
    try {
      rows = await readPublications(this.options.sql);
    } catch (error) {
      this.#databaseFailed(error);
      return;
    }
    let versionLoadFailed = false;
    const published = new Set<string>();
    for (const row of rows) {
      published.add(row.extension);
      let version: LoadedVersion | undefined;
      try {
        version = await this.options.versions.load(row.flowVersionId);
      } catch (error) {
        // This extension keeps what it serves until its version can be read; the others go on, so an
        // unpublish or republish elsewhere is not held up.
        this.#databaseFailed(error);
        versionLoadFailed = true;
        continue;
      }
      if (version === undefined) continue;
      const app = apps.get(row.extension);
      if (app === undefined) apps.register(row.extension, version);
      else if (app.version?.id !== version.id) {
        const previous = app.version;
        app.version = version;
        notices.changed();
        notices.event(
          'info',
          'publish_applied',
          `extension ${row.extension} now runs version ${version.number}`,
          app,
        );
        logger.info('publication changed', {
          extension: row.extension,
          from: previous?.number ?? 'unpublished',
          to: version.number,
        });
      }
    }
    if (!versionLoadFailed && this.#databaseDown) {
      logger.info('database reachable again; following publications');
      this.#databaseDown = false;
    }
    for (const app of apps.all()) {
      if (published.has(app.extension) || app.version === null) continue;
      app.version = null;
      notices.changed();
      notices.event('info', 'unpublished', `extension ${app.extension} unpublished`, app);
      await apps.unregisterIfDone(app);
    }
  }

  /** The database failed a read: one log line and runtime event per outage, not one per check. */
  #databaseFailed(error: unknown): void {
    // Calls keep running on the versions already loaded; publishing waits for the database.
    if (!this.#databaseDown) {
      this.options.logger.error('cannot read publications; keeping the current ones', {
        reason: errorReason(error),
      });
      // Buffered by the call log writer and stored once the database answers again.
      this.options.callLog.runtimeEvent({
        level: 'error',
        type: 'database_unavailable',
        message: 'cannot read publications; calls keep running on the versions already loaded',
        asteriskServer: this.options.asteriskServer,
      });
    }
    this.#databaseDown = true;
  }
}
