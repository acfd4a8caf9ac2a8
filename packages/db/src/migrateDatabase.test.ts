import { describe, expect, it } from 'vitest';
import { migrateDatabase } from './migrateDatabase.ts';

describe('migrateDatabase', () => {
  it('fails with a clear error that does not contain the password', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const error = await migrateDatabase('postgresql://callflow:hunter2@127.0.0.1:1/callflow').then(
      () => undefined,
      (rejection: unknown) => rejection as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).toMatch(
      /^Migrating the postgresql database postgresql:\/\/callflow:\*\*\*@127\.0\.0\.1:1\/callflow failed/,
    );
    expect(error?.message).toMatch(/127\.0\.0\.1:1/);
    expect(error?.message).not.toContain('hunter2');
  });
});
