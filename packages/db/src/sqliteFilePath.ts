import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The file path of a resolved SQLite URL (`file:<absolute path>`, see resolveDatabaseUrl), with its
 * parent folder created: SQLite creates the file itself but not missing folders.
 */
export function sqliteFilePath(url: string): string {
  if (!url.startsWith('file:')) throw new Error(`Not a SQLite file: URL: ${url}`);
  const path = url.slice('file:'.length);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}
