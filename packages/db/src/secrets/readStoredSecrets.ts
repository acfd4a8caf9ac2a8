import type { DirectSql } from '../DirectSql.ts';
import type { EncryptedSecret } from './secretCipher.ts';

const allSecrets = { sql: 'SELECT "name", "keyId", "nonce", "ciphertext" FROM "Secret"', params: [] };

/** The row's column as text; undefined when it is missing or not text. */
function textColumn(row: unknown, column: string): string | undefined {
  if (typeof row !== 'object' || row === null || !(column in row)) return undefined;
  const value: unknown = Reflect.get(row, column);
  return typeof value === 'string' ? value : undefined;
}

/**
 * Every stored secret, still encrypted, by name: what the runtime decrypts for HTTP lookups. One fixed
 * statement over the direct connection (the runtime has no Prisma); the table holds a handful of rows.
 */
export async function readStoredSecrets(sql: DirectSql): Promise<Map<string, EncryptedSecret>> {
  const secrets = new Map<string, EncryptedSecret>();
  for (const row of await sql.query(allSecrets)) {
    const name = textColumn(row, 'name');
    const keyId = textColumn(row, 'keyId');
    const nonce = textColumn(row, 'nonce');
    const ciphertext = textColumn(row, 'ciphertext');
    if (name !== undefined && keyId !== undefined && nonce !== undefined && ciphertext !== undefined)
      secrets.set(name, { keyId, nonce, ciphertext });
  }
  return secrets;
}
