import { createHash, createSecretKey, type KeyObject } from 'node:crypto';

/** Bytes of an AES-256 key. */
const keyBytes = 32;

/** A key that cannot be used: named in the message, with what to do; never with the key itself. */
export class SecretsKeyError extends Error {
  override readonly name = 'SecretsKeyError';
}

/**
 * The key that encrypts the credentials store (AES-256-GCM). Held as a KeyObject, so the raw bytes
 * never show up when the object is logged or inspected. `id` is a fingerprint, stored beside every
 * value it encrypts, so that a value encrypted under another key is recognised (and a later key
 * rotation knows which values to re-encrypt).
 */
export class SecretsKey {
  readonly id: string;
  readonly keyObject: KeyObject;

  private constructor(bytes: Buffer) {
    this.keyObject = createSecretKey(bytes);
    // A one-way fingerprint of a random 256-bit key says nothing about it.
    this.id = createHash('sha256')
      .update('callflow-secrets-key-id\0')
      .update(bytes)
      .digest('hex')
      .slice(0, 16);
  }

  /** 32 bytes written as 64 hex digits or as base64 (44 characters, or 43 without padding). */
  static fromText(text: string, source: string): SecretsKey {
    const trimmed = text.trim();
    let bytes: Buffer | undefined;
    if (/^[0-9a-fA-F]{64}$/.test(trimmed)) bytes = Buffer.from(trimmed, 'hex');
    else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)) bytes = Buffer.from(trimmed, 'base64');
    if (bytes?.length !== keyBytes) {
      throw new SecretsKeyError(
        `${source} must be a 32-byte key written as 64 hex digits or as base64 (e.g. the output of \`openssl rand -base64 32\`)`,
      );
    }
    return new SecretsKey(bytes);
  }

  /** Shows the fingerprint only. */
  toString(): string {
    return `SecretsKey(${this.id})`;
  }

  toJSON(): string {
    return this.toString();
  }
}
