import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeAriServer } from '@callflow/ari/testing';
import { expect } from 'vitest';

// Two Asterisk servers of one deployment, as the runtime is given them (ARI_SERVERS): each has its
// own credentials, one password inline and one in a file.
export const A = { user: 'ari-a-user-41c', password: 'ari-a-pass-7e0d' };
export const B = { user: 'ari-b-user-9f2', password: 'ari-b-pass-c35a' };

export function passwordFile(password: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'api-ari-')), 'password');
  writeFileSync(file, `${password}\n`);
  return file;
}

export function serversEnv(a: FakeAriServer, b: FakeAriServer): Record<string, string> {
  return {
    ARI_SERVERS: JSON.stringify([
      { name: 'pbx-a', url: a.url, username: A.user, password: A.password },
      { name: 'pbx-b', url: b.url, username: B.user, passwordFile: passwordFile(B.password) },
    ]),
  };
}

export function expectNothingOfAri(text: string, ...fakes: FakeAriServer[]): void {
  for (const secret of [A.user, A.password, B.user, B.password]) expect(text).not.toContain(secret);
  for (const fake of fakes) expect(text).not.toContain(String(fake.port));
}
