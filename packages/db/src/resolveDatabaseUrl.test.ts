import { describe, expect, it } from 'vitest';
import { repoRoot } from './repoRoot.ts';
import { resolveDatabaseUrl } from './resolveDatabaseUrl.ts';

describe('resolveDatabaseUrl', () => {
  it('defaults to SQLite at <repo>/data/callflow.db when unset or empty', () => {
    const expected = { engine: 'sqlite', url: `file:${repoRoot()}/data/callflow.db` };
    expect(resolveDatabaseUrl(undefined)).toEqual(expected);
    expect(resolveDatabaseUrl('  ')).toEqual(expected);
  });

  it('reads process.env.DATABASE_URL when given no argument', () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'postgresql://env@host/db';
    try {
      expect(resolveDatabaseUrl().url).toBe('postgresql://env@host/db');
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });

  it('resolves a relative SQLite path against the repo root, not the working directory', () => {
    expect(resolveDatabaseUrl('file:./tmp/x.db')).toEqual({
      engine: 'sqlite',
      url: `file:${repoRoot()}/tmp/x.db`,
    });
    expect(resolveDatabaseUrl('file:tmp/x.db').url).toBe(`file:${repoRoot()}/tmp/x.db`);
  });

  it('keeps an absolute SQLite path, also in the file:/// form', () => {
    expect(resolveDatabaseUrl('file:/var/lib/callflow.db').url).toBe('file:/var/lib/callflow.db');
    expect(resolveDatabaseUrl('file:///var/lib/callflow.db').url).toBe('file:/var/lib/callflow.db');
  });

  it('selects PostgreSQL for postgres:// and postgresql:// and leaves the URL alone', () => {
    for (const url of ['postgres://u:p@h:5432/d', 'postgresql://u@h/d?schema=x']) {
      expect(resolveDatabaseUrl(url)).toEqual({ engine: 'postgresql', url });
    }
  });

  it('names DATABASE_URL and the accepted forms for an unsupported scheme, without echoing the URL', () => {
    const attempt = () => resolveDatabaseUrl('mysql://root:hunter2@localhost/db');
    expect(attempt).toThrow(
      /DATABASE_URL has an unsupported scheme "mysql:".*file:.*postgres:\/\/.*postgresql:\/\//,
    );
    expect(attempt).not.toThrow(/hunter2/);
    expect(() => resolveDatabaseUrl('callflow.db')).toThrow(
      /DATABASE_URL has an unsupported scheme: accepted/,
    );
  });

  it('rejects SQLite URLs with query parameters rather than ignoring them', () => {
    expect(() => resolveDatabaseUrl('file:./x.db?mode=ro')).toThrow(/no query parameters/);
  });
});
