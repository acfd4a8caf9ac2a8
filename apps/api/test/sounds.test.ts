import { AriClient } from '@callflow/ari';
import { FakeAriServer } from '@callflow/ari/testing';
import { soundListResponseSchema } from '@callflow/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AriServer } from '../src/ari/AriServers.ts';
import { SoundCatalog } from '../src/services/sounds/SoundCatalog.ts';
import { getJson, startWithViewer } from './callsTestSession.ts';
import { type TestApi, testEngines } from './startTestApi.ts';

const ARI_USER = 'ari-user-5d2';
const ARI_PASSWORD = 'ari-pass-83be';

/** What Asterisk's GET /ari/sounds answers: one entry per sound, one format entry per language and format. */
const ariSounds = [
  {
    id: 'vm-goodbye',
    text: 'Goodbye.',
    formats: [
      { language: 'fr', format: 'gsm' },
      { language: 'en', format: 'gsm' },
      { language: 'en', format: 'ulaw' },
    ],
  },
  { id: 'digits/1', text: 'One.', formats: [{ language: 'en', format: 'gsm' }] },
  { id: 'custom/welcome', formats: [{ language: 'fr', format: 'wav' }] },
  { id: 'beep', text: '', formats: [{ language: 'en', format: 'gsm' }] },
];

interface ErrorAnswer {
  error: string;
  message: string;
}

describe.each(testEngines())('GET /api/sounds on %s', (engine) => {
  let fake: FakeAriServer;
  let api: TestApi;
  let cookie: string;
  let withoutAri: TestApi;
  let withoutAriCookie: string;

  beforeAll(async () => {
    fake = new FakeAriServer({ username: ARI_USER, password: ARI_PASSWORD });
    fake.route('GET', '/ari/sounds', () => ({ json: ariSounds }));
    await fake.start();
    ({ api, cookie } = await startWithViewer(engine, {
      ARI_URL: fake.url,
      ARI_USERNAME: ARI_USER,
      ARI_PASSWORD: ARI_PASSWORD,
    }));
    ({ api: withoutAri, cookie: withoutAriCookie } = await startWithViewer(engine));
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await withoutAri?.stop();
    await fake?.stop();
  });

  it('lists the sounds of Asterisk by name, each language once, and asks Asterisk once a minute at most', async () => {
    const { status, body } = await getJson(api, cookie, '/sounds');
    expect(status).toBe(200);
    expect(body).toEqual({
      sounds: [
        { name: 'beep', text: null, languages: ['en'] },
        { name: 'custom/welcome', text: null, languages: ['fr'] },
        { name: 'digits/1', text: 'One.', languages: ['en'] },
        { name: 'vm-goodbye', text: 'Goodbye.', languages: ['en', 'fr'] },
      ],
    });
    expect(soundListResponseSchema.safeParse(body).success).toBe(true);

    const french = await getJson(api, cookie, '/sounds?language=fr');
    expect(french.body).toEqual({
      sounds: [
        { name: 'custom/welcome', text: null, languages: ['fr'] },
        { name: 'vm-goodbye', text: 'Goodbye.', languages: ['en', 'fr'] },
      ],
    });
    expect((await getJson(api, cookie, '/sounds?language=de')).body).toEqual({ sounds: [] });
    // Three answers, one question to Asterisk: the list is kept for 60 s.
    expect(fake.requestsTo('GET', '/ari/sounds')).toHaveLength(1);
  });

  it('needs a session', async () => {
    expect((await getJson(api, null, '/sounds')).status).toBe(401);
  });

  it('refuses an empty language', async () => {
    const { status, body } = await getJson<{ problems: { path: string }[] }>(
      api,
      cookie,
      '/sounds?language=',
    );
    expect(status).toBe(400);
    expect(body.problems.map((problem) => problem.path)).toEqual(['query.language']);
  });

  it('answers 503 with a clear message when the API has no ARI', async () => {
    const { status, body } = await getJson<ErrorAnswer>(withoutAri, withoutAriCookie, '/sounds');
    expect(status).toBe(503);
    expect(body.error).toBe('ari_not_configured');
    expect(body.message).toMatch(/sound list .*ARI_URL/);
  });
});

// Some tests start an API of their own: migrating a fresh database runs the Prisma CLI, seconds on a busy machine.
describe.each(testEngines())(
  'GET /api/sounds with Asterisk unreachable on %s',
  { timeout: 30_000 },
  (engine) => {
    let fake: FakeAriServer;
    let api: TestApi;
    let cookie: string;

    beforeAll(async () => {
      fake = new FakeAriServer({ username: ARI_USER, password: ARI_PASSWORD });
      fake.route('GET', '/ari/sounds', () => ({ json: ariSounds }));
      await fake.start();
      ({ api, cookie } = await startWithViewer(engine, {
        ARI_URL: fake.url,
        ARI_USERNAME: ARI_USER,
        ARI_PASSWORD: ARI_PASSWORD,
      }));
    }, 60_000);
    afterAll(async () => {
      await api?.stop();
      await fake?.stop();
    });

    it('answers 502 without ARI details, then the list once Asterisk is back', async () => {
      await fake.stop();
      try {
        const response = await fetch(`${api.url}/api/sounds`, { headers: { cookie } });
        const text = await response.text();
        expect(response.status).toBe(502);
        expect(JSON.parse(text)).toEqual({
          error: 'ari_unreachable',
          message: 'Asterisk (ARI) cannot be reached; see the API log',
        });
        expect(text).not.toContain(String(fake.port));
        expect(text).not.toContain(ARI_USER);
      } finally {
        await fake.start();
      }
      expect(api.logs.some((line) => line.includes('unreachable'))).toBe(true);
      // The failure was not kept.
      expect((await getJson(api, cookie, '/sounds')).status).toBe(200);
    });

    it('answers 502 when Asterisk answers something that is not a sound list', async () => {
      fake.route('GET', '/ari/sounds', () => ({ json: [{ id: 'x', formats: 'gsm' }] }));
      const fresh = await startWithViewer(engine, {
        ARI_URL: fake.url,
        ARI_USERNAME: ARI_USER,
        ARI_PASSWORD: ARI_PASSWORD,
      });
      try {
        const { status, body } = await getJson<ErrorAnswer>(fresh.api, fresh.cookie, '/sounds');
        expect(status).toBe(502);
        expect(body.error).toBe('ari_invalid_response');
      } finally {
        await fresh.api.stop();
      }
    });
  },
);

describe('SoundCatalog', () => {
  let fake: FakeAriServer;
  let answer: () => { status?: number; json: unknown };

  beforeAll(async () => {
    fake = new FakeAriServer();
    fake.route('GET', '/ari/sounds', () => answer());
    await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
  });

  const serversOf = (): [AriServer] => [
    {
      name: 'fake',
      client: new AriClient({ url: fake.url, username: fake.username, password: fake.password }),
    },
  ];
  const asked = () => fake.requestsTo('GET', '/ari/sounds').length;

  it('asks Asterisk again once the list is 60 s old', async () => {
    let now = 1_000_000;
    answer = () => ({ json: [{ id: 'one', formats: [{ language: 'en', format: 'gsm' }] }] });
    const catalog = new SoundCatalog(serversOf(), { now: () => now });
    const before = asked();
    expect((await catalog.list()).map((sound) => sound.name)).toEqual(['one']);
    answer = () => ({ json: [{ id: 'two', formats: [{ language: 'en', format: 'gsm' }] }] });
    now += 59_999;
    expect((await catalog.list()).map((sound) => sound.name)).toEqual(['one']);
    expect(asked() - before).toBe(1);
    now += 1;
    expect((await catalog.list()).map((sound) => sound.name)).toEqual(['two']);
    expect(asked() - before).toBe(2);
  });

  it('shares one request among callers that arrive together, and does not keep a failure', async () => {
    answer = () => ({ status: 500, json: { message: 'boom' } });
    const catalog = new SoundCatalog(serversOf());
    const before = asked();
    const results = await Promise.allSettled([catalog.list(), catalog.list(), catalog.list()]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(asked() - before).toBe(1);
    answer = () => ({ json: [] });
    expect(await catalog.list()).toEqual([]);
    expect(asked() - before).toBe(2);
  });
});
