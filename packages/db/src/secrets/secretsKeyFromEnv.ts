import { readFileSync } from 'node:fs';
import { SecretsKey, SecretsKeyError } from './SecretsKey.ts';

/**
 * The credentials store's key from the environment: CALLFLOW_SECRETS_KEY (the key itself) or
 * CALLFLOW_SECRETS_KEY_FILE (a file holding it, e.g. a container secret). Null when neither is set:
 * the store is then unavailable (the API answers 503, HTTP lookups using a secret take their error
 * outcome). A key that is set but unusable is a configuration error, thrown with the variable's name.
 */
export function secretsKeyFromEnv(env: NodeJS.ProcessEnv = process.env): SecretsKey | null {
  const inline = env.CALLFLOW_SECRETS_KEY;
  const file = env.CALLFLOW_SECRETS_KEY_FILE;
  const given = (value: string | undefined): value is string => value !== undefined && value !== '';
  if (given(inline) && given(file)) {
    throw new SecretsKeyError('set CALLFLOW_SECRETS_KEY or CALLFLOW_SECRETS_KEY_FILE, not both');
  }
  if (given(inline)) return SecretsKey.fromText(inline, 'CALLFLOW_SECRETS_KEY');
  if (!given(file)) return null;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new SecretsKeyError(`CALLFLOW_SECRETS_KEY_FILE ${file} cannot be read (${reason})`);
  }
  return SecretsKey.fromText(text, `the key in CALLFLOW_SECRETS_KEY_FILE ${file}`);
}

/** What to tell someone using the store while no key is configured. */
export const secretsKeyMissingMessage =
  'the credentials store is not configured: set CALLFLOW_SECRETS_KEY (32 random bytes as base64 or hex, e.g. `openssl rand -base64 32`) or CALLFLOW_SECRETS_KEY_FILE for the API and the runtime';
