import type { PrismaClient } from '../generated/sqlite/client.ts';
import type { SecretsKey } from './SecretsKey.ts';
import { encryptSecret } from './secretCipher.ts';

/** A secret as anyone may see it: everything but the value (which is never read back here). */
export interface SecretSummary {
  readonly name: string;
  readonly description: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

/** The columns of a SecretSummary: the encrypted value is never selected. */
const summaryColumns = {
  name: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  updatedBy: true,
} as const;

export interface SetSecret {
  readonly name: string;
  readonly value: string;
  /** Undefined keeps the description of a secret being replaced (empty for a new one). */
  readonly description?: string | undefined;
  /** Username of who sets it. */
  readonly actor: string;
}

/**
 * The credentials store as the API uses it: write-only values. Nothing here returns or decrypts a
 * value; only the runtime decrypts, through readStoredSecrets. Names and values are parsed by the
 * caller (the API's contract).
 */
export class SecretRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Every secret, by name. */
  list(): Promise<SecretSummary[]> {
    return this.prisma.secret.findMany({ select: summaryColumns, orderBy: { name: 'asc' } });
  }

  find(name: string): Promise<SecretSummary | null> {
    return this.prisma.secret.findUnique({ where: { name }, select: summaryColumns });
  }

  /** The names flows may reference. */
  async names(): Promise<string[]> {
    const rows = await this.prisma.secret.findMany({ select: { name: true }, orderBy: { name: 'asc' } });
    return rows.map((row) => row.name);
  }

  /** Creates the secret or replaces its value, encrypted under `key` with a fresh nonce. */
  async set(secret: SetSecret, key: SecretsKey): Promise<{ secret: SecretSummary; created: boolean }> {
    const encrypted = encryptSecret(key, secret.name, secret.value);
    const existed = (await this.prisma.secret.count({ where: { name: secret.name } })) > 0;
    const stored = await this.prisma.secret.upsert({
      where: { name: secret.name },
      create: {
        name: secret.name,
        description: secret.description ?? '',
        ...encrypted,
        updatedBy: secret.actor,
      },
      update: { description: secret.description, ...encrypted, updatedBy: secret.actor },
      select: summaryColumns,
    });
    return { secret: stored, created: !existed };
  }

  /** Changes the description only; null when there is no such secret. */
  async describe(name: string, description: string, actor: string): Promise<SecretSummary | null> {
    const { count } = await this.prisma.secret.updateMany({
      where: { name },
      data: { description, updatedBy: actor },
    });
    return count === 0 ? null : this.find(name);
  }

  /** False when there was no such secret. */
  async delete(name: string): Promise<boolean> {
    const { count } = await this.prisma.secret.deleteMany({ where: { name } });
    return count > 0;
  }
}
