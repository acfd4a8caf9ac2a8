import { AriClient } from '@callflow/ari';
import { FakeAriServer } from '@callflow/ari/testing';
import { asteriskDeviceStateListSchema, asteriskEndpointListSchema } from '@callflow/contract';
import { nodeKinds } from '@callflow/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AriServer } from '../src/ari/AriServers.ts';
import { EveryServerList } from '../src/services/asterisk/EveryServerList.ts';
import { loginAs, testAdminEnv } from './loginAs.ts';
import { startTestApi, type TestApi, testEngines } from './startTestApi.ts';
import { A, B, expectNothingOfAri, serversEnv } from './twoAriServers.ts';

const endpoint = (resource: string, state = 'online', technology = 'PJSIP') => ({
  technology,
  resource,
  state,
  channel_ids: [],
});

describe.each(testEngines())(
  'the phones and device states of every Asterisk server on %s',
  { timeout: 60_000 },
  (engine) => {
    let a: FakeAriServer;
    let b: FakeAriServer;
    const started: TestApi[] = [];

    /** A fresh API (nothing cached) on both servers, and an editor's cookie. */
    async function freshApi(env: Record<string, string> = serversEnv(a, b)) {
      const api = await startTestApi(engine, { ...testAdminEnv, ...env });
      started.push(api);
      return { api, editor: (await loginAs(api)).editor };
    }

    beforeAll(async () => {
      a = new FakeAriServer({ username: A.user, password: A.password });
      a.route('GET', '/ari/endpoints', () => ({
        json: [
          endpoint('1001'),
          endpoint('1002', 'offline'),
          // Not what a Dial node could name, or built to be written into one: left out.
          endpoint('{{vars.secret}}'),
          endpoint('has space'),
          endpoint('x'.repeat(81)),
          endpoint('a/b'),
          { technology: 'PJSIP' },
          'not an endpoint',
        ],
      }));
      a.route('GET', '/ari/deviceStates', () => ({
        json: [
          { name: 'Stasis:night-mode', state: 'INUSE' },
          // Devices a flow may not set, and a state that is no state.
          { name: 'PJSIP/1001', state: 'NOT_INUSE' },
          { name: 'Stasis:queue', state: 'in use; DROP' },
        ],
      }));
      b = new FakeAriServer({ username: B.user, password: B.password });
      b.route('GET', '/ari/endpoints', () => ({
        json: [
          endpoint('1002', 'online'),
          endpoint('2001', 'weird'),
          // A technology Dial's Endpoint rule refuses (letters only): not offered to be picked.
          endpoint('trunk', 'online', 'IAX2'),
          endpoint('provider', 'online', 'SIP'),
        ],
      }));
      b.route('GET', '/ari/deviceStates', () => ({
        json: [
          { name: 'Stasis:night-mode', state: 'NOT_INUSE' },
          { name: 'Stasis:support', state: 'BUSY' },
        ],
      }));
      await a.start();
      await b.start();
    });
    afterAll(async () => {
      for (const api of started) await api.stop();
      await a?.stop();
      await b?.stop();
    });

    it('lists every server’s endpoints once, online when any server has it online, leaving out what a flow cannot name', async () => {
      const { editor } = await freshApi();
      const { status, body } = await editor.get('/api/asterisk/endpoints');
      expect(status).toBe(200);
      expect(asteriskEndpointListSchema.parse(body)).toEqual({
        endpoints: [
          {
            technology: 'PJSIP',
            resource: '1001',
            dialString: 'PJSIP/1001',
            state: 'online',
            servers: ['pbx-a'],
          },
          {
            technology: 'PJSIP',
            resource: '1002',
            dialString: 'PJSIP/1002',
            state: 'online',
            servers: ['pbx-a', 'pbx-b'],
          },
          {
            technology: 'PJSIP',
            resource: '2001',
            dialString: 'PJSIP/2001',
            state: 'unknown',
            servers: ['pbx-b'],
          },
          {
            technology: 'SIP',
            resource: 'provider',
            dialString: 'SIP/provider',
            state: 'online',
            servers: ['pbx-b'],
          },
        ],
        unansweredServers: [],
        truncated: false,
      });
      const dial = nodeKinds.dial.options.shape.endpoint;
      for (const { dialString } of asteriskEndpointListSchema.parse(body).endpoints)
        expect(dial.safeParse(dialString).success, dialString).toBe(true);

      const states = await editor.get('/api/asterisk/device-states');
      expect(states.status).toBe(200);
      expect(asteriskDeviceStateListSchema.parse(states.body)).toEqual({
        deviceStates: [
          { name: 'Stasis:night-mode', state: 'INUSE', servers: ['pbx-a', 'pbx-b'] },
          { name: 'Stasis:support', state: 'BUSY', servers: ['pbx-b'] },
        ],
        unansweredServers: [],
        truncated: false,
      });
    });

    it('names a server that cannot be asked and lists the others’, saying nothing of its address or credentials', async () => {
      const { api, editor } = await freshApi();
      await a.stop();
      try {
        const response = await fetch(`${api.url}/api/asterisk/endpoints`, {
          headers: { cookie: editor.cookie },
        });
        const text = await response.text();
        expect(response.status).toBe(200);
        const list = asteriskEndpointListSchema.parse(JSON.parse(text));
        expect(list.unansweredServers).toEqual(['pbx-a']);
        expect(list.endpoints.map((entry) => entry.dialString)).toEqual([
          'PJSIP/1002',
          'PJSIP/2001',
          'SIP/provider',
        ]);
        expectNothingOfAri(text, a, b);
      } finally {
        await a.start();
      }
    });

    it('answers 502 in plain words when no server answers, and keeps no failure', async () => {
      const { api, editor } = await freshApi();
      await a.stop();
      await b.stop();
      try {
        const response = await fetch(`${api.url}/api/asterisk/endpoints`, {
          headers: { cookie: editor.cookie },
        });
        const text = await response.text();
        expect(response.status).toBe(502);
        expect(JSON.parse(text)).toEqual({
          error: 'ari_unreachable',
          message: 'Asterisk (ARI) cannot be reached; see the API log',
        });
        expectNothingOfAri(text, a, b);
        // Each server's failure once in the log, not the last one a second time.
        expect(api.logs.filter((line) => /cannot read|ARI request failed/.test(line))).toHaveLength(2);
      } finally {
        await a.start();
        await b.start();
      }
      expect((await editor.get('/api/asterisk/endpoints')).status).toBe(200);
    });

    it('answers 502 saying what this Asterisk does not offer when its ARI has no such list, logging each server once', async () => {
      // An Asterisk without res_ari_device_states answers /deviceStates with 404.
      const bare = [
        new FakeAriServer({ username: A.user, password: A.password }),
        new FakeAriServer({ username: B.user, password: B.password }),
      ] as const;
      for (const fake of bare) await fake.start();
      try {
        const { api, editor } = await freshApi(serversEnv(...bare));
        const response = await fetch(`${api.url}/api/asterisk/device-states`, {
          headers: { cookie: editor.cookie },
        });
        const text = await response.text();
        expect(response.status).toBe(502);
        expect(JSON.parse(text)).toEqual({
          error: 'ari_not_offered',
          message:
            'This Asterisk does not offer device states (its module res_ari_device_states is not loaded)',
        });
        expectNothingOfAri(text, ...bare);
        const failures = api.logs.filter(
          (line) => line.includes('device states') || /ARI request failed/.test(line),
        );
        expect(failures).toHaveLength(2);
        expect(failures.join('\n')).toMatch(/pbx-a[\s\S]*pbx-b/);
      } finally {
        for (const fake of bare) await fake.stop();
      }
    });

    it('answers 503 naming the settings when no Asterisk is configured', async () => {
      const { editor } = await freshApi({});
      const { status, body } = await editor.get<{ error: string; message: string }>(
        '/api/asterisk/endpoints',
      );
      expect(status).toBe(503);
      expect(body.error).toBe('ari_not_configured');
      expect(body.message).toMatch(/ARI_URL/);
    });
  },
);

describe('EveryServerList', () => {
  let fakes: FakeAriServer[];

  beforeAll(async () => {
    fakes = [new FakeAriServer(), new FakeAriServer()];
    for (const fake of fakes) await fake.start();
  });
  afterAll(async () => {
    for (const fake of fakes) await fake.stop();
  });

  const servers = (): [AriServer, ...AriServer[]] => {
    const [first, ...others] = fakes.map((fake, index) => ({
      name: `pbx-${index}`,
      client: new AriClient({ url: fake.url, username: fake.username, password: fake.password }),
    }));
    if (first === undefined) throw new Error('no fake servers');
    return [first, ...others];
  };

  it('asks every server again once the answer is 5 s old, and shares one request among callers that arrive together', async () => {
    let now = 1_000_000;
    let round = 0;
    const asked: string[] = [];
    const list = new EveryServerList<string, string>(servers(), {
      read: async (server) => {
        asked.push(server.name);
        return [`${server.name}:${round}`];
      },
      merge: (answers) => answers.flatMap((answer) => [...answer.items]),
      maxItems: 10,
      now: () => now,
    });
    const together = await Promise.all([list.list(), list.list(), list.list()]);
    expect(together.map((answer) => answer.items)).toEqual(Array(3).fill(['pbx-0:0', 'pbx-1:0']));
    round = 1;
    now += 4999;
    expect((await list.list()).items).toEqual(['pbx-0:0', 'pbx-1:0']);
    now += 1;
    expect((await list.list()).items).toEqual(['pbx-0:1', 'pbx-1:1']);
    expect(asked).toEqual(['pbx-0', 'pbx-1', 'pbx-0', 'pbx-1']);
  });

  it('keeps the first maxItems items and says there were more', async () => {
    const list = new EveryServerList<number, number>(servers(), {
      read: async () => Array.from({ length: 3000 }, (_, index) => index),
      merge: (answers) => answers.flatMap((answer) => [...answer.items]),
      maxItems: 2000,
    });
    const answer = await list.list();
    expect(answer.items).toHaveLength(2000);
    expect(answer.truncated).toBe(true);
  });

  it('throws the last server’s failure when none answers, and asks again next time', async () => {
    let failing = true;
    const failed: string[] = [];
    const list = new EveryServerList<string, string>(servers(), {
      read: async (server) => {
        if (failing) throw new Error(`${server.name} is down`);
        return [server.name];
      },
      merge: (answers) => answers.flatMap((answer) => [...answer.items]),
      maxItems: 10,
      onFailed: (server) => failed.push(server.name),
    });
    await expect(list.list()).rejects.toThrow('pbx-1 is down');
    expect(failed).toEqual(['pbx-0', 'pbx-1']);
    failing = false;
    expect((await list.list()).items).toEqual(['pbx-0', 'pbx-1']);
  });
});
