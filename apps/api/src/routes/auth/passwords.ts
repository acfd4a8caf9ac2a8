import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

interface ScryptParameters {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * Cost of new hashes: 32 MiB and about 0.1 s per hash. Every hash stores its own parameters, so raising
 * these later keeps old hashes valid, and `needsRehash` lets a login upgrade them.
 */
const CURRENT: ScryptParameters = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PREFIX = 'scrypt';

function derive(
  password: string,
  salt: Buffer,
  parameters: ScryptParameters,
  length: number,
): Promise<Buffer> {
  const { N, r, p } = parameters;
  return new Promise((resolve, reject) => {
    // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is just too small for N = 2^15.
    scrypt(password, salt, length, { N, r, p, maxmem: 256 * N * r * p }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/** `scrypt$N=32768,r=8,p=1$<salt, base64url>$<key, base64url>`: one string with everything to verify it. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, CURRENT, KEY_BYTES);
  const { N, r, p } = CURRENT;
  return `${PREFIX}$N=${N},r=${r},p=${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

interface StoredHash {
  readonly parameters: ScryptParameters;
  readonly salt: Buffer;
  readonly key: Buffer;
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

/** Whether `password` matches a hash made by `hashPassword`; compares in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === null) return false;
  const key = await derive(password, parsed.salt, parsed.parameters, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** Whether a (verified) hash was made with weaker parameters than new hashes get. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  if (parsed === null) return true;
  const { N, r, p } = parsed.parameters;
  return N < CURRENT.N || r < CURRENT.r || p < CURRENT.p || parsed.key.length < KEY_BYTES;
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for logins naming a user that does not exist, so
 * the response time does not tell which usernames exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummyHash);
  return false;
}
