import { randomBytes } from 'node:crypto';
import { type DirectSql, encryptSecret, SecretsKey, type SqlStatement } from '@callflow/db';
import { flowNode } from '@callflow/flow';
import { CallVariables, runNode, StepFailure } from '@callflow/flow/runtime';
import { FakeChannel, FakePromptSource } from '@callflow/flow/testing';
import { describe, expect, it } from 'vitest';
import { redactedSecret } from './CallSecrets.ts';
import { RuntimeSecrets } from './RuntimeSecrets.ts';

const key = SecretsKey.fromText(randomBytes(32).toString('base64'), 'test key');
const token = `tok-${randomBytes(8).toString('hex')}`;

/** The Secret table as the direct connection returns it; counts the reads; can be made to fail. */
function fakeSql(secrets: Record<string, string>, encryptWith = key) {
  const rows = Object.entries(secrets).map(([name, value]) => ({
    name,
    ...encryptSecret(encryptWith, name, value),
  }));
  const state = { reads: 0, down: false };
  const sql: DirectSql = {
    query: async (statement: SqlStatement) => {
      state.reads++;
      if (state.down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      expect(statement.sql).toMatch(/FROM "Secret"/);
      return rows.map((row) => ({ ...row }));
    },
    transaction: async () => {},
    execute: async () => 0,
    close: async () => {},
  };
  return { sql, state };
}

describe('RuntimeSecrets', () => {
  it('decrypts the secrets a step asks for', async () => {
    const { sql } = fakeSql({ crm_token: token, other: 'other-value' });
    const secrets = new RuntimeSecrets({ sql, key });
    expect(await secrets.values(['crm_token'])).toEqual(new Map([['crm_token', token]]));
  });

  it('reads the database once per cache period, then again', async () => {
    let now = 0;
    const { sql, state } = fakeSql({ crm_token: token });
    const secrets = new RuntimeSecrets({ sql, key, cacheMs: 5000, now: () => now });
    await Promise.all([secrets.values(['crm_token']), secrets.values(['crm_token'])]);
    now = 4999;
    await secrets.values(['crm_token']);
    expect(state.reads).toBe(1);
    now = 5000;
    await secrets.values(['crm_token']);
    expect(state.reads).toBe(2);
  });

  it('fails the step clearly without a key, for a missing name, under another key, with the database down', async () => {
    const { sql, state } = fakeSql({ crm_token: token });
    await expect(new RuntimeSecrets({ sql, key: null }).values(['crm_token'])).rejects.toThrow(
      /secrets crm_token cannot be filled in: the runtime has no CALLFLOW_SECRETS_KEY/,
    );
    const secrets = new RuntimeSecrets({ sql, key });
    await expect(secrets.values(['nope'])).rejects.toThrow(
      new StepFailure('secret "nope" does not exist: an admin adds it under Secrets'),
    );
    const otherKey = SecretsKey.fromText(randomBytes(32).toString('hex'), 'other');
    const foreign = new RuntimeSecrets({ sql: fakeSql({ crm_token: token }, otherKey).sql, key });
    const error = await foreign.values(['crm_token']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StepFailure);
    expect(String(error)).toContain(
      `was encrypted with key ${otherKey.id}, but the configured key is ${key.id}`,
    );
    expect(String(error)).not.toContain(token);

    let now = 0;
    const down = fakeSql({ crm_token: token });
    const flaky = new RuntimeSecrets({ sql: down.sql, key, now: () => now });
    down.state.down = true;
    await expect(flaky.values(['crm_token'])).rejects.toThrow(
      /cannot read the credentials store: connect ECONNREFUSED/,
    );
    down.state.down = false;
    now = 1;
    // A failed read is not kept for the cache period.
    expect((await flaky.values(['crm_token'])).get('crm_token')).toBe(token);
    expect(state.reads).toBeGreaterThan(0);
  });
});

describe('an HTTP lookup with a secret in a header', () => {
  const node = flowNode.parse({
    id: 'crm',
    kind: 'httpLookup',
    options: {
      url: 'https://crm.example.com/lookup?caller={{caller.number}}',
      headers: [{ name: 'Authorization', value: 'Bearer {{secrets.crm_token}}' }],
      fields: [{ variable: 'echo', path: 'echo' }],
    },
  });

  async function lookup(
    secretsStore: RuntimeSecrets | undefined,
    answer: (headers: Headers) => Response | Error,
  ) {
    const sent: Headers[] = [];
    const errors: string[] = [];
    const variables = new CallVariables({ 'caller.number': '1001' });
    const secrets = secretsStore?.forCall();
    const port = await runNode(node, {
      nodeId: node.id,
      channel: new FakeChannel(),
      variables,
      signal: new AbortController().signal,
      now: () => new Date(),
      fetch: async (_url, init) => {
        const headers = new Headers(init?.headers);
        sent.push(headers);
        const result = answer(headers);
        if (result instanceof Error) throw result;
        return result;
      },
      ...(secrets === undefined ? {} : { secrets }),
      prompts: new FakePromptSource(),
      reportError: (message) => errors.push(message),
    });
    return { port, sent, errors, variables, secrets };
  }

  it('sends the decrypted value in the header, and keeps it out of the call variables', async () => {
    const store = new RuntimeSecrets({ sql: fakeSql({ crm_token: token }).sql, key });
    const { port, sent, variables } = await lookup(store, () => Response.json({ ok: true }));
    expect(port).toBe('success');
    expect(sent[0]?.get('authorization')).toBe(`Bearer ${token}`);
    expect(JSON.stringify(variables.snapshot())).not.toContain(token);
  });

  it('takes the error outcome, naming the secret, when the store has no key or no such secret', async () => {
    const noKey = await lookup(
      new RuntimeSecrets({ sql: fakeSql({ crm_token: token }).sql, key: null }),
      () => Response.json({}),
    );
    expect(noKey.port).toBe('error');
    expect(noKey.sent).toEqual([]);
    expect(noKey.errors.join()).toMatch(/CALLFLOW_SECRETS_KEY/);
    const missing = await lookup(new RuntimeSecrets({ sql: fakeSql({}).sql, key }), () => Response.json({}));
    expect(missing.port).toBe('error');
    expect(missing.errors.join()).toMatch(/secret "crm_token" does not exist/);
    const noStore = await lookup(undefined, () => Response.json({}));
    expect(noStore.port).toBe('error');
    expect(noStore.sent).toEqual([]);
  });

  it('redacts the value from what the call log would record: an echoed answer and a failure message', async () => {
    const store = new RuntimeSecrets({ sql: fakeSql({ crm_token: token }).sql, key });
    const echoed = await lookup(store, (headers) => Response.json({ echo: headers.get('authorization') }));
    expect(echoed.variables.get('vars.echo')).toBe(`Bearer ${token}`);
    expect(echoed.secrets?.redactVariables(echoed.variables.takeChanges())).toEqual({
      'http.status': '200',
      'vars.echo': `Bearer ${redactedSecret}`,
    });
    const failed = await lookup(
      store,
      (headers) => new TypeError(`bad header ${headers.get('authorization')}`),
    );
    expect(failed.port).toBe('error');
    const recorded = failed.secrets?.redact(failed.errors.join('; ')) ?? '';
    expect(recorded).toContain(`bad header Bearer ${redactedSecret}`);
    expect(recorded).not.toContain(token);
  });
});
