import type { RuntimeEventType } from '@callflow/contract';
import type { CallLogWriter } from '../callLog/CallLogWriter.ts';
import type { PublishedApp } from './PublishedApp.ts';

/**
 * What the jobs of PublishedApps tell the rest of the runtime about the apps: a change to their
 * set, connection states or served versions (the status row listens), and the lines of the runtime
 * event log about one app.
 */
export class AppNotices {
  readonly #listeners = new Set<() => void>();

  constructor(
    private readonly callLog: CallLogWriter,
    private readonly asteriskServer: string,
  ) {}

  /** `listener` is called synchronously on each change, its errors ignored. Returns an unsubscribe. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.#listeners) {
      try {
        listener();
      } catch {
        // A status listener must not break publication handling.
      }
    }
  }

  event(
    level: 'info' | 'warn' | 'error',
    type: RuntimeEventType,
    message: string,
    app: Pick<PublishedApp, 'extension' | 'appName'>,
  ): void {
    this.callLog.runtimeEvent({
      level,
      type,
      message,
      extension: app.extension,
      appName: app.appName,
      asteriskServer: this.asteriskServer,
    });
  }
}
