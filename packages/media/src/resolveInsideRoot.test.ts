import { mkdir, mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInside, resolveInsideRoot } from './resolveInsideRoot.ts';

let root: string;

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'callflow-root-')));
  await mkdir(join(root, 'usr/share/sounds/voice'), { recursive: true });
  await mkdir(join(root, 'etc/alternatives'), { recursive: true });
  await symlink('/usr/share/sounds/voice', join(root, 'etc/alternatives/prompt'));
  await symlink('/etc/alternatives/prompt', join(root, 'usr/share/sounds/en'));
  await symlink('../../../../../../../../etc', join(root, 'usr/share/sounds/up'));
  await symlink('loop-b', join(root, 'loop-a'));
  await symlink('loop-a', join(root, 'loop-b'));
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('resolveInsideRoot', () => {
  it('follows a chain of absolute symlinks as if the root were /', async () => {
    const expected = join(root, 'usr/share/sounds/voice');
    expect(await resolveInsideRoot(root, join(root, 'usr/share/sounds/en'))).toBe(expected);
    expect(await resolveInsideRoot(root, '/usr/share/sounds/en')).toBe(expected);
  });

  it('never climbs above the root, by .. in a path or in a symlink', async () => {
    expect(await resolveInsideRoot(root, '/usr/../../../../etc')).toBe(join(root, 'etc'));
    expect(await resolveInsideRoot(root, '/usr/share/sounds/up/alternatives')).toBe(
      join(root, 'etc/alternatives'),
    );
  });

  it('is the real path when the root is /', async () => {
    expect(await resolveInsideRoot('/', join(root, 'usr/share/sounds/up'))).toBe('/etc');
  });

  it('gives up on a symlink loop', async () => {
    await expect(resolveInsideRoot(root, '/loop-a')).rejects.toThrow(/too many symbolic links/);
  });

  it('tells whether a path lies under a folder', () => {
    expect(isInside('/a/b', '/a/b')).toBe(true);
    expect(isInside('/a/b', '/a/b/c')).toBe(true);
    expect(isInside('/a/b', '/a/bc')).toBe(false);
    expect(isInside('/a/b', '/a')).toBe(false);
  });
});
