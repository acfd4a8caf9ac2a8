import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes bytes to a file in a new directory only this user can read, runs `use` with its path, and
 * removes the directory whatever happens. (MP4/M4A readers must seek, so stdin will not do.)
 */
export async function withPrivateTempFile<T>(
  bytes: Uint8Array,
  use: (path: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'callflow-media-'));
  try {
    const path = join(dir, 'input');
    await writeFile(path, bytes, { mode: 0o600 });
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
