import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/** Every problem found in the configuration, one line each (never a secret's value). */
export class ConfigError extends Error {
  override name = 'ConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`invalid runtime configuration:\n  ${problems.join('\n  ')}`);
  }
}

/** A secret read from the file a `<NAME>_FILE` variable names, so it need not sit in the environment. */
export function readSecretFile(variable: string, file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([`${variable}: cannot read ${file} (${reason})`]);
  }
}

function describePath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

/** One line per issue, naming the variable (and the entry of ARI_SERVERS) it is about. */
export function problemsOf(error: z.ZodError, values: Record<string, string | undefined>): string[] {
  return error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'configuration');
    const message = issue.message.replace(/^Invalid input: /, '');
    if (issue.path.length > 1) return `${describePath(issue.path)} ${message}`;
    return values[name] === undefined ? `${name} is not set: it ${message}` : `${name} ${message}`;
  });
}
