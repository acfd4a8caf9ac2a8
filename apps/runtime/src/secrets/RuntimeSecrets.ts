import {
  type DirectSql,
  decryptSecret,
  type EncryptedSecret,
  readStoredSecrets,
  SecretDecryptionError,
  type SecretsKey,
  secretsKeyFromEnv,
} from '@callflow/db';
import { stepErrors } from '@callflow/flow';
import { type SecretSource, StepFailure } from '@callflow/flow/runtime';
import { errorReason } from '../log/errorReason.ts';
import { CallSecrets } from './CallSecrets.ts';

export interface RuntimeSecretsOptions {
  readonly sql: DirectSql;
  /** Null: no key configured; every step naming a secret takes its error outcome, saying so. */
  readonly key: SecretsKey | null;
  /** How long values read from the database are used before they are read again; default 5 s. */
  readonly cacheMs?: number;
  /** Milliseconds of a monotonic clock; performance.now() unless a test drives it. */
  readonly now?: () => number;
}

type Decrypted = { readonly value: string } | { readonly error: string };

/**
 * The credentials store as the runtime reads it: encrypted rows read with one fixed statement, kept
 * for a few seconds (a secret replaced by an admin is used within `cacheMs`), decrypted when a step
 * first asks for them. A value lives only in this cache and in the request it goes into: never in the
 * call's variables, never in a log line (errors name the secret, not its value).
 */
export class RuntimeSecrets implements SecretSource {
  readonly #sql: DirectSql;
  readonly #key: SecretsKey | null;
  readonly #cacheMs: number;
  readonly #now: () => number;
  #loaded:
    | { at: number; stored: Promise<Map<string, EncryptedSecret>>; decrypted: Map<string, Decrypted> }
    | undefined;

  constructor(options: RuntimeSecretsOptions) {
    this.#sql = options.sql;
    this.#key = options.key;
    this.#cacheMs = options.cacheMs ?? 5000;
    this.#now = options.now ?? (() => performance.now());
  }

  /** With the key of CALLFLOW_SECRETS_KEY / _FILE; a key set but unusable throws SecretsKeyError. */
  static fromEnv(sql: DirectSql, env: NodeJS.ProcessEnv = process.env): RuntimeSecrets {
    return new RuntimeSecrets({ sql, key: secretsKeyFromEnv(env) });
  }

  get configured(): boolean {
    return this.#key !== null;
  }

  /** A source for one call's steps that remembers what it handed out, to redact it from the call log. */
  forCall(): CallSecrets {
    return new CallSecrets(this);
  }

  async values(names: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const key = this.#key;
    if (key === null) {
      throw new StepFailure(
        `secrets ${names.join(', ')} cannot be filled in: the runtime has no CALLFLOW_SECRETS_KEY (or CALLFLOW_SECRETS_KEY_FILE)`,
      );
    }
    const loaded = this.#current();
    let stored: Map<string, EncryptedSecret>;
    try {
      stored = await loaded.stored;
    } catch (error) {
      // Not kept: the next step tries the database again.
      if (this.#loaded === loaded) this.#loaded = undefined;
      throw new StepFailure(stepErrors.credentialsUnreadable.says(errorReason(error)));
    }
    const values = new Map<string, string>();
    for (const name of names) {
      let decrypted = loaded.decrypted.get(name);
      if (decrypted === undefined) {
        decrypted = decryptOne(key, name, stored.get(name));
        loaded.decrypted.set(name, decrypted);
      }
      if ('error' in decrypted) throw new StepFailure(decrypted.error);
      values.set(name, decrypted.value);
    }
    return values;
  }

  /** The rows read within the last cacheMs (one read shared by the steps that ask meanwhile). */
  #current() {
    const now = this.#now();
    if (this.#loaded === undefined || now - this.#loaded.at >= this.#cacheMs) {
      this.#loaded = { at: now, stored: readStoredSecrets(this.#sql), decrypted: new Map() };
      // Awaited by the steps that asked; a failure is reported to them, not left unhandled here.
      this.#loaded.stored.catch(() => undefined);
    }
    return this.#loaded;
  }
}

function decryptOne(key: SecretsKey, name: string, stored: EncryptedSecret | undefined): Decrypted {
  if (stored === undefined)
    return { error: `secret "${name}" does not exist: an admin adds it under Secrets` };
  try {
    return { value: decryptSecret(key, name, stored) };
  } catch (error) {
    if (error instanceof SecretDecryptionError) return { error: error.message };
    throw error;
  }
}
