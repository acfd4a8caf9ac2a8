import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase } from '@callflow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './main.ts';

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
  const db = await openDatabase(process.env.DATABASE_URL);
  try {
    const [flows, versions, publications] = await Promise.all([
      db.prisma.flow.count(),
      db.prisma.flowVersion.count(),
      db.prisma.publication.count(),
    ]);
    return { flows, versions, publications };
  } finally {
    await db.close();
  }
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
      /error +nodes\.1\.options\.prompts: add the menu prompt {2}\(nodes\.1\.options\.prompts, node menu\)/,
    );
    expect(validated.output).toMatch(/node kind "teleport" does not exist/);

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
      'flow "sales-support" has no version 9',
    );
  });

  it('unpublishes, and says so when nothing is published', async () => {
    expect((await cli('unpublish', '6001')).output).toBe(
      'unpublished extension 6001 (was "Other" version 1)',
    );
    await expect(cli('unpublish', '6001')).rejects.toThrow('nothing is published on extension 6001');
  });
});
