import type { Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AriServers } from '../src/ari/AriServers.ts';
import { createApiServer } from '../src/createApiServer.ts';
import { LiveStreams } from '../src/http/LiveStreams.ts';
import { prepareAuthentication } from '../src/services/auth/firstAdmin.ts';
import { PasswordHashing } from '../src/services/auth/PasswordHashing.ts';
import { logIn } from './loginAs.ts';
import { startTestApi, type TestApi, testEngines } from './startTestApi.ts';
import { testPromptMedia } from './testPromptMedia.ts';

/** Logins hash on purpose (about 0.1 s each, more when test files run in parallel). */
const SLOW = { timeout: 60_000 };

describe.each(testEngines())('first start on %s', SLOW, (engine) => {
  const printed: string[] = [];
  let api: TestApi;
  beforeAll(async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      api = await startTestApi(engine);
    } finally {
      write.mockRestore();
    }
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  it('creates admin with a random password, printed once in a box and never logged', async () => {
    const output = printed.join('');
    expect(output).toContain('| Callflow: created the first user account');
    expect(output).toContain('username: admin');
    const password = /password: (\S+)/.exec(output)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    for (const line of api.logs) expect(line).not.toContain(password);

    const admin = await logIn(api, 'admin', password);
    expect((await admin.get('/api/session')).body).toMatchObject({
      username: 'admin',
      role: 'admin',
      mustChangePassword: true,
    });
    const users = await api.db.prisma.user.findMany();
    expect(users).toHaveLength(1);
    expect(users[0]?.passwordHash).toMatch(/^scrypt\$/);
    const audit = await api.db.prisma.auditEvent.findMany();
    expect(audit).toMatchObject([{ actor: 'system', action: 'user_create', target: 'admin' }]);
    expect(audit[0]?.details).not.toContain(password);
  });

  it('does nothing (and prints nothing) on later starts', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let server: Server | undefined;
    try {
      ({ server } = await createApiServer({
        db: api.db,
        env: { API_PORT: '0', CALLFLOW_ADMIN_PASSWORD: 'another password' },
        log: () => {},
      }));
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
      server?.close();
    }
    expect(await api.db.prisma.user.count()).toBe(1);
  });

  it('takes the password from CALLFLOW_ADMIN_PASSWORD, and refuses one that is too short', async () => {
    const services = {
      db: api.db,
      log: () => {},
      audit: async () => {},
      ari: AriServers.none(),
      passwords: new PasswordHashing(),
      liveStreams: new LiveStreams(),
      prompts: testPromptMedia(),
    };
    await api.db.prisma.user.deleteMany();
    await expect(prepareAuthentication(services, { CALLFLOW_ADMIN_PASSWORD: 'short' })).rejects.toThrow(
      'CALLFLOW_ADMIN_PASSWORD: the password must be at least 10 characters long',
    );
    expect(await api.db.prisma.user.count()).toBe(0);

    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await prepareAuthentication(services, { CALLFLOW_ADMIN_PASSWORD: 'from the environment' });
      const output = write.mock.calls.map(([chunk]) => String(chunk)).join('');
      expect(output).toContain('username: admin');
      expect(output).not.toContain('from the environment');
    } finally {
      write.mockRestore();
    }
    await logIn(api, 'admin', 'from the environment');
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});
