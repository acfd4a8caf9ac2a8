import type { SecretView } from '@callflow/contract';
import {
  type Database,
  SecretRepository,
  type SecretSummary,
  type SecretsKey,
  secretsKeyFromEnv,
  secretsKeyMissingMessage,
} from '@callflow/db';
import { ApiError } from '../../http/ApiError.ts';

function toSecretView(secret: SecretSummary): SecretView {
  return {
    name: secret.name,
    description: secret.description,
    createdAt: secret.createdAt.toISOString(),
    updatedAt: secret.updatedAt.toISOString(),
    updatedBy: secret.updatedBy,
  };
}

/**
 * The credentials store as the API serves it: values go in and never come out (not even to admins).
 * Without a key (CALLFLOW_SECRETS_KEY / _FILE) every operation answers 503 saying how to configure one.
 */
export class SecretStore {
  readonly #repository: SecretRepository | null;
  readonly #key: SecretsKey | null;

  constructor(db: Database | null, key: SecretsKey | null) {
    // Without a key nothing may be written or listed: the store does not even hold the database.
    this.#repository = key === null || db === null ? null : new SecretRepository(db.prisma);
    this.#key = key;
  }

  /** From the environment; a key that is set but unusable throws (the API does not start). */
  static fromEnv(db: Database, env: NodeJS.ProcessEnv): SecretStore {
    return new SecretStore(db, secretsKeyFromEnv(env));
  }

  get configured(): boolean {
    return this.#key !== null;
  }

  /** The services' store; a store without a key when none was given (e.g. a test's services). */
  static of(services: { readonly secrets?: SecretStore | undefined }): SecretStore {
    return services.secrets ?? unconfigured;
  }

  #require(): { repository: SecretRepository; key: SecretsKey } {
    if (this.#key === null || this.#repository === null)
      throw new ApiError(503, 'secrets_unavailable', secretsKeyMissingMessage);
    return { repository: this.#repository, key: this.#key };
  }

  async list(): Promise<SecretView[]> {
    return (await this.#require().repository.list()).map(toSecretView);
  }

  /** The names flows may reference; none when no key is configured (nothing can be decrypted then). */
  async names(): Promise<Set<string>> {
    return this.#repository === null ? new Set() : new Set(await this.#repository.names());
  }

  async set(
    name: string,
    value: string,
    description: string | undefined,
    actor: string,
  ): Promise<{ secret: SecretView; created: boolean }> {
    const { repository, key } = this.#require();
    const { secret, created } = await repository.set({ name, value, description, actor }, key);
    return { secret: toSecretView(secret), created };
  }

  async describe(name: string, description: string, actor: string): Promise<SecretView> {
    const secret = await this.#require().repository.describe(name, description, actor);
    if (secret === null) throw ApiError.notFound(`secret ${name}`);
    return toSecretView(secret);
  }

  async delete(name: string): Promise<void> {
    if (!(await this.#require().repository.delete(name))) throw ApiError.notFound(`secret ${name}`);
  }
}

const unconfigured = new SecretStore(null, null);
