// A PostgreSQL server of a test's or benchmark's own (scripts/db-postgres.sh on a port and directory
// of its own), which it may halt and start again to simulate a database outage without touching the
// cluster the unit tests use (port 54329).

import { execFile } from 'node:child_process';
import { REPO_ROOT } from './sandbox.ts';

export class PostgresServer {
  readonly #env: NodeJS.ProcessEnv;

  /** `dir` should be fixed, so that a server left behind by a killed run is found and removed by the next. */
  constructor(options: { port: number; dir: string }) {
    this.#env = { ...process.env, CALLFLOW_PG_PORT: String(options.port), CALLFLOW_PG_DIR: options.dir };
  }

  /** Starts the server (creating it the first time) and resolves with its connection URL. */
  start(): Promise<string> {
    return this.#script('start');
  }

  /** Stops the server but keeps its data: `start` brings the same database back. */
  async halt(): Promise<void> {
    await this.#script('halt');
  }

  /** Stops the server and deletes its data. */
  async stop(): Promise<void> {
    await this.#script('stop');
  }

  #script(command: 'start' | 'halt' | 'stop'): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        'bash',
        [`${REPO_ROOT}scripts/db-postgres.sh`, command],
        { env: this.#env, timeout: 60_000 },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`db-postgres.sh ${command} failed: ${stderr.trim() || error.message}`));
          else resolve(stdout.trim());
        },
      );
    });
  }
}
