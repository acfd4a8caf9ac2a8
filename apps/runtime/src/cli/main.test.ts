import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFlow } from '@callflow/catalog';
import { migrateDatabase } from '@callflow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor, runCli } from './main.ts';
import { withDatabase } from './withDatabase.ts';

const fixture = new URL('../../../../packages/flow/test/fixtures/sales-support.json', import.meta.url)
  .pathname;
const dir = mkdtempSync(join(tmpdir(), 'cli-'));
const previousUrl = process.env.DATABASE_URL;

async function cli(...args: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await runCli(args, (line) => lines.push(line));
  return { code, output: lines.join('\n') };
}

async function tableCounts() {
  return withDatabase(async (db) => {
    const [flows, versions, publications, auditEvents] = await Promise.all([
      db.prisma.flow.count(),
      db.prisma.flowVersion.count(),
      db.prisma.publication.count(),
      db.prisma.auditEvent.count(),
    ]);
    return { flows, versions, publications, auditEvents };
  });
}

beforeAll(async () => {
  process.env.DATABASE_URL = `file:${join(dir, 'cli.db')}`;
  await migrateDatabase(process.env.DATABASE_URL);
}, 60_000);

afterAll(() => {
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
});

describe('callflow CLI', () => {
  it('validates a good file', async () => {
    const result = await cli('validate', fixture);
    expect(result).toEqual({ code: 0, output: `${fixture}: valid (6 nodes, 10 connections)` });
  });

  it('lists every problem of a bad file with its path and node, exits 1, and publishes nothing', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        schemaVersion: 1,
        nodes: [
          { id: 'start', kind: 'start', options: {} },
          { id: 'menu', kind: 'menu', options: { prompts: [], choices: [{ digit: '1' }] } },
          { id: 'x', kind: 'teleport', options: {} },
        ],
        edges: [],
      }),
    );
    const validated = await cli('validate', bad);
    expect(validated.code).toBe(1);
    expect(validated.output).toContain('2 error(s)');
    expect(validated.output).toMatch(
      /error +Menu: Prompts: add the menu prompt {2}\(nodes\.1\.options\.prompts, node menu\)/,
    );
    expect(validated.output).toMatch(/A node is of a kind this Callflow does not have \(“teleport”\)/);

    const before = await tableCounts();
    const published = await cli('publish', bad, '--extension', '6001');
    expect(published.code).toBe(1);
    expect(published.output).toMatch(/not published: fix the errors above first/);
    expect(await tableCounts()).toEqual(before);
  });

  it('says which file is not JSON', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "schemaVersion": 1,');
    await expect(cli('validate', broken)).rejects.toThrow(/broken\.json: not valid JSON/);
  });

  it('publishes new versions, refuses an extension held by another flow unless --replace', async () => {
    expect((await cli('publish', fixture, '--extension', '6001', '--note', 'first')).output).toBe(
      'published "sales-support" version 1 to extension 6001',
    );
    expect((await cli('publish', fixture, '--extension', '6001')).output).toBe(
      'published "sales-support" version 2 to extension 6001',
    );

    const before = await tableCounts();
    await expect(cli('publish', fixture, '--extension', '6001', '--name', 'Other')).rejects.toThrow(
      'extension 6001 runs flow "sales-support" (version 2); use --replace to take it over',
    );
    expect(await tableCounts()).toEqual(before);

    const replaced = await cli('publish', fixture, '--extension', '6001', '--name', 'Other', '--replace');
    expect(replaced.output).toBe(
      'published "Other" version 1 to extension 6001\n  (replaced flow "sales-support")',
    );
    expect((await cli('list')).output).toMatch(/6001 {2}Other {2}v1/);
  });

  it('refuses an extension the dialplan cannot route', async () => {
    await expect(cli('publish', fixture, '--extension', '1')).rejects.toThrow(
      /extension "1": use 2 to 20 digits/,
    );
  });

  it('exports a flow that validates and re-publishes identically', async () => {
    const out = join(dir, 'export.json');
    expect((await cli('export', 'sales-support', '--version', '1', '--out', out)).code).toBe(0);
    const exported = JSON.parse(readFileSync(out, 'utf8'));
    expect(exported).toMatchObject({ format: 'callflow.flow', schemaVersion: 1, name: 'sales-support' });
    expect((await cli('validate', out)).code).toBe(0);
    await expect(cli('export', 'sales-support', '--version', '9')).rejects.toThrow(
      'version 9 of flow "sales-support" does not exist',
    );
  });

  it('unpublishes, and says so when nothing is published', async () => {
    expect((await cli('unpublish', '6001')).output).toBe(
      'unpublished extension 6001 (was "Other" version 1)',
    );
    await expect(cli('unpublish', '6001')).rejects.toThrow('nothing is published on extension 6001');
  });

  it('audits what it changes as cli:<user>, and authors the versions it makes as that user', async () => {
    await cli('publish', fixture, '--extension', '6002', '--name', 'Audited', '--note', 'from a terminal');
    await cli('unpublish', '6002');
    const { events, version } = await withDatabase(async (db) => ({
      events: await db.prisma.auditEvent.findMany({ where: { target: '6002' }, orderBy: { id: 'asc' } }),
      version: await db.prisma.flowVersion.findFirst({ where: { flow: { name: 'Audited' } } }),
    }));
    const actor = cliActor();
    expect(actor).toMatch(/^cli:.+/);
    expect(events.map((event) => [event.actor, event.action])).toEqual([
      [actor, 'publish'],
      [actor, 'unpublish'],
    ]);
    expect(JSON.parse(events[0]?.details ?? '{}')).toMatchObject({
      flowName: 'Audited',
      version: 1,
      createdVersion: true,
      note: 'from a terminal',
    });
    expect(version).toMatchObject({ number: 1, author: actor, note: 'from a terminal' });
  });

  describe('a name that several flows share', () => {
    let twins: string[];

    beforeAll(async () => {
      twins = await withDatabase(async (db) => [
        (await createFlow(db, { name: 'Twin' })).id,
        (await createFlow(db, { name: 'Twin' })).id,
      ]);
    });

    it('refuses to publish or export by that name, listing the flows it names, and changes nothing', async () => {
      const before = await tableCounts();
      const refusal = `2 flows are named "Twin" (ids ${twins.join(', ')}); name the one you mean by its id`;
      await expect(cli('publish', fixture, '--extension', '6003', '--name', 'Twin')).rejects.toThrow(refusal);
      await expect(cli('export', 'Twin')).rejects.toThrow(refusal);
      await expect(cli('publish', fixture, '--extension', '6003', '--name', 'Twin')).rejects.toThrow(
        '(--flow <id>; `list` shows them)',
      );
      expect(await tableCounts()).toEqual(before);
      expect((await cli('list')).output).toContain(`  Twin  (0 version(s), id ${twins[1]})`);
    });

    it('publishes and exports the one flow an id names', async () => {
      const [, second] = twins;
      if (second === undefined) throw new Error('no second twin');
      expect((await cli('publish', fixture, '--extension', '6003', '--flow', second)).output).toBe(
        'published "Twin" version 1 to extension 6003',
      );
      const published = await withDatabase((db) =>
        db.prisma.publication.findUniqueOrThrow({ where: { extension: '6003' } }),
      );
      expect(published.flowId).toBe(second);
      const exported = await cli('export', second, '--version', '1');
      expect(JSON.parse(exported.output)).toMatchObject({ format: 'callflow.flow', name: 'Twin' });
    });

    it('refuses an id no flow has, and --flow with --name', async () => {
      await expect(cli('publish', fixture, '--extension', '6004', '--flow', 'no-such-flow')).rejects.toThrow(
        'flow no-such-flow does not exist',
      );
      await expect(
        cli('publish', fixture, '--extension', '6004', '--flow', 'no-such-flow', '--name', 'Twin'),
      ).rejects.toThrow('publish takes --flow <id> or --name <name>, not both');
      await expect(cli('export', 'no-such-flow')).rejects.toThrow('no flow named or with id "no-such-flow"');
    });
  });
});
