import { FakeAriServer } from '@callflow/ari/testing';
import { soundListResponseSchema } from '@callflow/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startWithViewer } from './callsTestSession.ts';
import { type TestApi, testEngines } from './startTestApi.ts';
import { A, B, expectNothingOfAri, serversEnv } from './twoAriServers.ts';

// Each test starts an API of its own: migrating a fresh database runs the Prisma CLI, seconds on a busy machine.
describe.each(testEngines())(
  'GET /api/sounds with two Asterisk servers on %s',
  { timeout: 30_000 },
  (engine) => {
    let a: FakeAriServer;
    let b: FakeAriServer;
    const started: TestApi[] = [];

    // Different lists only so that the test can tell which server answered.
    const sound = (name: string) => ({ id: name, text: name, formats: [{ language: 'en', format: 'gsm' }] });

    async function freshApi(): Promise<{ api: TestApi; cookie: string }> {
      const fresh = await startWithViewer(engine, serversEnv(a, b));
      started.push(fresh.api);
      return fresh;
    }

    const names = (body: unknown): string[] =>
      soundListResponseSchema.parse(body).sounds.map((entry) => entry.name);

    beforeAll(async () => {
      a = new FakeAriServer({ username: A.user, password: A.password });
      a.route('GET', '/ari/sounds', () => ({ json: [sound('from-a')] }));
      b = new FakeAriServer({ username: B.user, password: B.password });
      b.route('GET', '/ari/sounds', () => ({ json: [sound('from-b')] }));
      await a.start();
      await b.start();
    });
    afterAll(async () => {
      for (const api of started) await api.stop();
      await a?.stop();
      await b?.stop();
    });

    it('reads them from the first server, without asking the others', async () => {
      const { api, cookie } = await freshApi();
      const askedB = b.requestsTo('GET', '/ari/sounds').length;
      const { status, body } = await getJson(api, cookie, '/sounds');
      expect(status).toBe(200);
      expect(names(body)).toEqual(['from-a']);
      expect(b.requestsTo('GET', '/ari/sounds')).toHaveLength(askedB);
    });

    it('reads them from the next server when the first cannot be asked, and keeps that list', async () => {
      const { api, cookie } = await freshApi();
      await a.stop();
      try {
        const askedB = b.requestsTo('GET', '/ari/sounds').length;
        expect(names((await getJson(api, cookie, '/sounds')).body)).toEqual(['from-b']);
        expect(names((await getJson(api, cookie, '/sounds')).body)).toEqual(['from-b']);
        expect(b.requestsTo('GET', '/ari/sounds')).toHaveLength(askedB + 1);
        expect(
          api.logs.some((line) => line.includes('asking the next one') && line.includes('"server":"pbx-a"')),
        ).toBe(true);
      } finally {
        await a.start();
      }
    });

    it('tries the next server when the first answers something that is not a sound list', async () => {
      const { api, cookie } = await freshApi();
      a.route('GET', '/ari/sounds', () => ({ json: { not: 'a list' } }));
      try {
        expect(names((await getJson(api, cookie, '/sounds')).body)).toEqual(['from-b']);
      } finally {
        a.route('GET', '/ari/sounds', () => ({ json: [sound('from-a')] }));
      }
    });

    it('answers 502 only when no server answers', async () => {
      const { api, cookie } = await freshApi();
      await a.stop();
      await b.stop();
      try {
        const response = await fetch(`${api.url}/api/sounds`, { headers: { cookie } });
        const text = await response.text();
        expect(response.status).toBe(502);
        expect(JSON.parse(text)).toEqual({
          error: 'ari_unreachable',
          message: 'Asterisk (ARI) cannot be reached; see the API log',
        });
        expectNothingOfAri(text, a, b);
      } finally {
        await a.start();
        await b.start();
      }
      // The failure was not kept.
      expect(names((await getJson(api, cookie, '/sounds')).body)).toEqual(['from-a']);
    });
  },
);
