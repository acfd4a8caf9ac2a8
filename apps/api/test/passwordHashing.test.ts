import { scrypt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OWASP_SCRYPT, PasswordHashing } from '../src/services/auth/PasswordHashing.ts';

/** Logins hash on purpose (about 0.1 s each, more when test files run in parallel). */
const SLOW = { timeout: 60_000 };

describe('password hashing', SLOW, () => {
  const passwords = new PasswordHashing();
  const hashPassword = (password: string) => passwords.hash(password);
  const verifyPassword = (password: string, stored: string) => passwords.verify(password, stored);
  const needsRehash = (stored: string) => passwords.needsRehash(stored);

  it('uses OWASP’s scrypt parameters unless told otherwise: N = 2^17, r = 8, p = 1', () => {
    expect(OWASP_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
    expect(passwords.parameters).toBe(OWASP_SCRYPT);
  });

  it('stores scrypt with its parameters and a per-hash random salt, and verifies', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^scrypt\$N=131072,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(second).not.toBe(first);
    expect(first).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse battery', second)).toBe(true);
    expect(await verifyPassword('correct horse batterY', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'not a hash')).toBe(false);
    expect(needsRehash(first)).toBe(false);
  });

  it('verifies hashes made with other parameters, and flags weaker ones for rehashing', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const key = await new Promise<Buffer>((resolve, reject) =>
      scrypt('old password 1', salt, 32, { N: 1024, r: 8, p: 1 }, (error, derived) =>
        error ? reject(error) : resolve(derived),
      ),
    );
    const old = `scrypt$N=1024,r=8,p=1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(await verifyPassword('old password 1', old)).toBe(true);
    expect(await verifyPassword('old password 2', old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
    // What this API stored before it used OWASP's parameters.
    expect(needsRehash(await new PasswordHashing({ N: 2 ** 15, r: 8, p: 1 }).hash('x'))).toBe(true);
  });
});
