import { describe, expect, it } from 'vitest';
import { redactDatabaseUrl, redactPassword } from './redactDatabaseUrl.ts';

describe('redactDatabaseUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactDatabaseUrl('postgresql://callflow:s3cr%40t@db:5432/callflow?schema=a')).toBe(
      'postgresql://callflow:***@db:5432/callflow?schema=a',
    );
  });

  it('leaves URLs without a password unchanged', () => {
    expect(redactDatabaseUrl('postgresql://callflow@db/callflow')).toBe('postgresql://callflow@db/callflow');
    expect(redactDatabaseUrl('file:/data/callflow.db')).toBe('file:/data/callflow.db');
  });
});

describe('redactPassword', () => {
  it('removes the raw and the decoded password from a text', () => {
    const url = 'postgresql://u:s3cr%40t@db/x';
    expect(redactPassword('at postgresql://u:s3cr%40t@db/x: bad password s3cr@t', url)).toBe(
      'at postgresql://u:***@db/x: bad password ***',
    );
  });
});
