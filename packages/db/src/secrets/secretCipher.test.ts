import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SecretsKey, SecretsKeyError } from './SecretsKey.ts';
import { decryptSecret, encryptSecret, SecretDecryptionError } from './secretCipher.ts';
import { secretsKeyFromEnv, secretsKeyMissingMessage } from './secretsKeyFromEnv.ts';

const base64Key = randomBytes(32).toString('base64');
const key = SecretsKey.fromText(base64Key, 'CALLFLOW_SECRETS_KEY');

describe('secretCipher', () => {
  it('decrypts what it encrypted, with a fresh nonce each time and no plaintext in the stored form', () => {
    const first = encryptSecret(key, 'crm_token', 'Bearer s3cr3t-ünïcode');
    const second = encryptSecret(key, 'crm_token', 'Bearer s3cr3t-ünïcode');
    expect(decryptSecret(key, 'crm_token', first)).toBe('Bearer s3cr3t-ünïcode');
    expect(first.nonce).not.toBe(second.nonce);
    expect(first.ciphertext).not.toBe(second.ciphertext);
    expect(first.keyId).toBe(key.id);
    expect(JSON.stringify(first)).not.toContain('s3cr3t');
    expect(Buffer.from(first.ciphertext, 'base64').toString('latin1')).not.toContain('s3cr3t');
  });

  it('refuses, by name, a value encrypted under another key', () => {
    const other = SecretsKey.fromText(randomBytes(32).toString('hex'), 'test');
    const stored = encryptSecret(other, 'crm_token', 'value');
    expect(() => decryptSecret(key, 'crm_token', stored)).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(key, 'crm_token', stored)).toThrow(
      `secret "crm_token" was encrypted with key ${other.id}, but the configured key is ${key.id}`,
    );
  });

  it('refuses a value copied to another name (the name is authenticated) or altered', () => {
    const stored = encryptSecret(key, 'crm_token', 'value');
    expect(() => decryptSecret(key, 'billing_token', stored)).toThrow(
      /altered or copied from another secret/,
    );
    const bytes = Buffer.from(stored.ciphertext, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    const altered = { ...stored, ciphertext: bytes.toString('base64') };
    expect(() => decryptSecret(key, 'crm_token', altered)).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(key, 'crm_token', { ...stored, nonce: 'AAAA' })).toThrow(/damaged/);
  });
});

describe('SecretsKey', () => {
  it('reads 32 bytes as hex or base64 and never shows them', () => {
    const bytes = randomBytes(32);
    const fromHex = SecretsKey.fromText(bytes.toString('hex'), 'x');
    const fromBase64 = SecretsKey.fromText(`${bytes.toString('base64')}\n`, 'x');
    expect(fromHex.id).toBe(fromBase64.id);
    for (const shown of [String(fromHex), JSON.stringify({ fromHex }), inspect(fromHex, { depth: 5 })]) {
      expect(shown).not.toContain(bytes.toString('hex'));
      expect(shown).not.toContain(bytes.toString('base64'));
    }
  });

  it('names the variable when the key has the wrong length or form', () => {
    for (const text of ['', 'short', randomBytes(16).toString('base64'), randomBytes(31).toString('hex')]) {
      expect(() => SecretsKey.fromText(text, 'CALLFLOW_SECRETS_KEY')).toThrow(SecretsKeyError);
      expect(() => SecretsKey.fromText(text, 'CALLFLOW_SECRETS_KEY')).toThrow(
        /CALLFLOW_SECRETS_KEY must be a 32-byte key/,
      );
    }
  });
});

describe('secretsKeyFromEnv', () => {
  it('is null without a key (the store is then unavailable)', () => {
    expect(secretsKeyFromEnv({})).toBeNull();
    expect(secretsKeyFromEnv({ CALLFLOW_SECRETS_KEY: '' })).toBeNull();
    expect(secretsKeyMissingMessage).toContain('CALLFLOW_SECRETS_KEY');
  });

  it('reads the key from the variable or from the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'secrets-key-')), 'key');
    writeFileSync(file, `${base64Key}\n`);
    expect(secretsKeyFromEnv({ CALLFLOW_SECRETS_KEY: base64Key })?.id).toBe(key.id);
    expect(secretsKeyFromEnv({ CALLFLOW_SECRETS_KEY_FILE: file })?.id).toBe(key.id);
  });

  it('refuses both at once, an unreadable file and a bad key', () => {
    expect(() =>
      secretsKeyFromEnv({ CALLFLOW_SECRETS_KEY: base64Key, CALLFLOW_SECRETS_KEY_FILE: '/x' }),
    ).toThrow(/not both/);
    expect(() => secretsKeyFromEnv({ CALLFLOW_SECRETS_KEY_FILE: '/no/such/key' })).toThrow(
      /cannot be read \(ENOENT\)/,
    );
    expect(() => secretsKeyFromEnv({ CALLFLOW_SECRETS_KEY: 'not a key' })).toThrow(SecretsKeyError);
  });
});
