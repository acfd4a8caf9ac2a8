import { lstat, readlink, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const maxSymlinkHops = 40;

/**
 * Resolves every symlink in `path` as if `root` were `/` (as Asterisk in a chroot sees its files):
 * an absolute target starts again at `root`, `..` never climbs above it. The result is a path on this
 * machine inside `root`. `path` may be given on this machine (under `root`) or as seen inside it.
 */
export async function resolveInsideRoot(root: string, path: string): Promise<string> {
  const realRoot = await realpath(root);
  const inside = isInside(realRoot, path) ? relative(realRoot, path) : path;
  let pending = inside.split(/[/\\]+/).filter((part) => part !== '');
  let resolved: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const [part = '', ...rest] = pending;
    pending = rest;
    if (part === '.') continue;
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const candidate = join(realRoot, ...resolved, part);
    const stat = await lstat(candidate).catch(() => undefined);
    if (!stat?.isSymbolicLink()) {
      resolved.push(part);
      continue;
    }
    hops += 1;
    if (hops > maxSymlinkHops) throw new Error(`too many symbolic links under ${candidate}`);
    const target = await readlink(candidate);
    if (target.startsWith('/')) resolved = [];
    pending = [...target.split('/').filter((segment) => segment !== ''), ...pending];
  }
  return join(realRoot, ...resolved);
}

/** Whether `path` is `dir` or lies under it. */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}
