import { openDatabase } from '@callflow/db';
import { createApiServer } from './createApiServer.ts';

const log = (level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}) => {
  const rendered = Object.entries(fields)
    .map(
      ([key, value]) =>
        `${key}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`,
    )
    .join(' ');
  process.stderr.write(
    `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message} ${rendered}\n`,
  );
};

async function main(): Promise<void> {
  const db = await openDatabase(process.env.DATABASE_URL);
  const { server } = await createApiServer({ db, log });
  const address = server.address();
  log('info', 'API listening', {
    address: typeof address === 'string' ? address : `${address?.address}:${address?.port}`,
  });
  const stop = () => {
    server.close(() => void db.close().then(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  log('error', 'API failed to start', { reason: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
