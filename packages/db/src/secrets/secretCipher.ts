import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretsKey } from './SecretsKey.ts';

/** A secret's value as stored: never the value itself. */
export interface EncryptedSecret {
  /** The fingerprint of the key that encrypted it (SecretsKey.id). */
  readonly keyId: string;
  /** 12 random bytes, base64: a fresh nonce for every value written. */
  readonly nonce: string;
  /** The ciphertext followed by the 16-byte authentication tag, base64. */
  readonly ciphertext: string;
}

/** A stored value that cannot be decrypted; says which secret and why, never the value. */
export class SecretDecryptionError extends Error {
  override readonly name = 'SecretDecryptionError';
}

const algorithm = 'aes-256-gcm';
const nonceBytes = 12;
const tagBytes = 16;

/**
 * The associated data: the secret's name, so that a ciphertext copied to another name (by someone who
 * can write the database but does not hold the key) does not decrypt there.
 */
function associatedData(name: string): Buffer {
  return Buffer.from(`callflow-secret:v1:${name}`, 'utf8');
}

/** Encrypts a secret's value with AES-256-GCM, a random nonce and its name as associated data. */
export function encryptSecret(key: SecretsKey, name: string, value: string): EncryptedSecret {
  const nonce = randomBytes(nonceBytes);
  const cipher = createCipheriv(algorithm, key.keyObject, nonce, { authTagLength: tagBytes });
  cipher.setAAD(associatedData(name));
  const encrypted = Buffer.concat([cipher.update(value, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { keyId: key.id, nonce: nonce.toString('base64'), ciphertext: encrypted.toString('base64') };
}

/** The value of a stored secret; a SecretDecryptionError when the key or the stored bytes do not fit. */
export function decryptSecret(key: SecretsKey, name: string, stored: EncryptedSecret): string {
  if (stored.keyId !== key.id) {
    throw new SecretDecryptionError(
      `secret "${name}" was encrypted with key ${stored.keyId}, but the configured key is ${key.id}: ` +
        'set the key it was written with, or set the secret again',
    );
  }
  const nonce = Buffer.from(stored.nonce, 'base64');
  const encrypted = Buffer.from(stored.ciphertext, 'base64');
  if (nonce.length !== nonceBytes || encrypted.length < tagBytes) {
    throw new SecretDecryptionError(`secret "${name}" is damaged in the database: set it again`);
  }
  const decipher = createDecipheriv(algorithm, key.keyObject, nonce, { authTagLength: tagBytes });
  decipher.setAAD(associatedData(name));
  decipher.setAuthTag(encrypted.subarray(encrypted.length - tagBytes));
  try {
    return Buffer.concat([
      decipher.update(encrypted.subarray(0, encrypted.length - tagBytes)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new SecretDecryptionError(
      `secret "${name}" does not decrypt with key ${key.id}: it was altered or copied from another secret; set it again`,
    );
  }
}
