import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParameters {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * OWASP's recommendation for scrypt (Password Storage Cheat Sheet): N = 2^17, r = 8, p = 1, that is
 * 128 MiB and a few tenths of a second per hash. Node runs scrypt on its thread pool (4 threads by
 * default), so at most 4 hashes, 512 MiB, are computed at once.
 */
export const OWASP_SCRYPT: ScryptParameters = { N: 2 ** 17, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;

interface StoredHash {
  readonly parameters: ScryptParameters;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function derive(
  password: string,
  salt: Buffer,
  parameters: ScryptParameters,
  length: number,
): Promise<Buffer> {
  const { N, r, p } = parameters;
  return new Promise((resolve, reject) => {
    // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is too small for N = 2^17.
    scrypt(password, salt, length, { N, r, p, maxmem: 256 * N * r * p }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

function parseHash(stored: string): StoredHash | null {
  const match = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (match === null) return null;
  const [, n, r, p, salt, key] = match;
  const parameters = { N: Number(n), r: Number(r), p: Number(p) };
  // Bounds keep a damaged row from making one login take minutes or gigabytes.
  const sane =
    Number.isInteger(Math.log2(parameters.N)) &&
    parameters.N >= 2 &&
    parameters.N <= 2 ** 20 &&
    parameters.r >= 1 &&
    parameters.r <= 32 &&
    parameters.p >= 1 &&
    parameters.p <= 16;
  if (!sane || salt === undefined || key === undefined) return null;
  const keyBytes = Buffer.from(key, 'base64url');
  if (keyBytes.length < 16) return null;
  return { parameters, salt: Buffer.from(salt, 'base64url'), key: keyBytes };
}

/**
 * Password hashes with scrypt (Node's own). Every hash stores its parameters, so raising them keeps
 * old hashes valid, and `needsRehash` lets a login upgrade them. The API uses OWASP_SCRYPT; tests that
 * log in often may build the API with cheaper parameters (the parameters themselves are tested).
 */
export class PasswordHashing {
  #dummyHash: Promise<string> | undefined;

  constructor(readonly parameters: ScryptParameters = OWASP_SCRYPT) {}

  /** `scrypt$N=131072,r=8,p=1$<salt, base64url>$<key, base64url>`: everything needed to verify it. */
  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, this.parameters, KEY_BYTES);
    const { N, r, p } = this.parameters;
    return `scrypt$N=${N},r=${r},p=${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  /** Whether `password` matches a hash made by `hash` (with any parameters); compares in constant time. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parsed = parseHash(stored);
    if (parsed === null) return false;
    const key = await derive(password, parsed.salt, parsed.parameters, parsed.key.length);
    return timingSafeEqual(key, parsed.key);
  }

  /** Whether a (verified) hash was made with weaker parameters than new hashes get. */
  needsRehash(stored: string): boolean {
    const parsed = parseHash(stored);
    if (parsed === null) return true;
    const { N, r, p } = parsed.parameters;
    const current = this.parameters;
    return N < current.N || r < current.r || p < current.p || parsed.key.length < KEY_BYTES;
  }

  /**
   * Spends the same time as checking a real password, for logins naming a user that does not exist, so
   * the response time does not tell which usernames exist.
   */
  async verifyAgainstDummy(password: string): Promise<false> {
    this.#dummyHash ??= this.hash(randomBytes(16).toString('hex'));
    await this.verify(password, await this.#dummyHash);
    return false;
  }
}
