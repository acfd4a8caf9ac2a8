import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiServer } from '@callflow/api/server';
import type { Database } from '@callflow/db';

export interface ProductApi {
  readonly server: Server;
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  close(): Promise<void>;
}

/** The product's API on a free port of 127.0.0.1 over `db`, with `env` over this process's environment. */
export async function startProductApi(
  db: Database,
  env: NodeJS.ProcessEnv,
  log: (...entry: unknown[]) => void = () => {},
): Promise<ProductApi> {
  const { server } = await createApiServer({
    db,
    env: { API_HOST: '127.0.0.1', API_PORT: '0', ...env },
    log,
  });
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
