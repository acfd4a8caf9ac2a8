import type { DirectSql, SqlStatement } from '@callflow/db';
import { describe, expect, it } from 'vitest';
import { testAudio } from '../testing/storePinnedVersion.ts';
import { MediaFiles } from './MediaFiles.ts';

/** A database holding `audio` (hash → 8 kHz bytes) that counts the reads it answers. */
function audioTable(audio: { hash: string; narrowband: Buffer }[]) {
  const reads: string[] = [];
  const sql: DirectSql = {
    query: async (statement: SqlStatement) => {
      const hash = String(statement.params[0]);
      reads.push(hash);
      const found = audio.find((item) => item.hash === hash);
      return found === undefined ? [] : [{ file: found.narrowband }];
    },
    transaction: async () => {},
    execute: async () => 0,
    close: async () => {},
  };
  return { sql, reads };
}

const noSpeech = { get: () => undefined };

describe('MediaFiles', () => {
  it('reads an audio from the database once, then serves it from memory', async () => {
    const audio = testAudio(1, 100);
    const { sql, reads } = audioTable([audio]);
    const files = new MediaFiles(sql, noSpeech, 1000);
    expect((await files.find(audio.hash))?.equals(audio.narrowband)).toBe(true);
    expect((await files.find(audio.hash))?.equals(audio.narrowband)).toBe(true);
    expect(reads).toEqual([audio.hash]);
    expect(files.cached).toEqual({ files: 1, bytes: 100 });
  });

  it('shares one read between requests for the same audio made at once', async () => {
    const audio = testAudio(2, 100);
    const { sql, reads } = audioTable([audio]);
    const files = new MediaFiles(sql, noSpeech, 1000);
    await Promise.all([files.find(audio.hash), files.find(audio.hash), files.find(audio.hash)]);
    expect(reads).toEqual([audio.hash]);
  });

  it('keeps at most the bytes it is given: the least recently served audio is read again when asked for', async () => {
    const [a, b, c] = [testAudio(3, 400), testAudio(4, 400), testAudio(5, 400)];
    if (!a || !b || !c) throw new Error('unreachable');
    const { sql, reads } = audioTable([a, b, c]);
    const files = new MediaFiles(sql, noSpeech, 1000);
    await files.find(a.hash);
    await files.find(b.hash);
    await files.find(a.hash);
    await files.find(c.hash);
    expect(files.cached).toEqual({ files: 2, bytes: 800 });
    await files.find(a.hash);
    await files.find(b.hash);
    expect(reads).toEqual([a.hash, b.hash, c.hash, b.hash]);
  });

  it('does not keep an audio larger than the whole bound, but still serves it', async () => {
    const big = testAudio(6, 2000);
    const { sql, reads } = audioTable([big]);
    const files = new MediaFiles(sql, noSpeech, 1000);
    expect((await files.find(big.hash))?.byteLength).toBe(2000);
    expect((await files.find(big.hash))?.byteLength).toBe(2000);
    expect(files.cached).toEqual({ files: 0, bytes: 0 });
    expect(reads).toHaveLength(2);
  });

  it('serves speech rendered during calls from memory, without the database', async () => {
    const spoken = testAudio(7, 10);
    const { sql, reads } = audioTable([]);
    const files = new MediaFiles(
      sql,
      { get: (id) => (id === spoken.hash ? spoken.narrowband : undefined) },
      1000,
    );
    expect(await files.find(spoken.hash)).toBe(spoken.narrowband);
    expect(await files.find('f'.repeat(64))).toBeUndefined();
    expect(reads).toEqual(['f'.repeat(64)]);
  });

  it('looks up nothing for an id that is not 64 lowercase hex characters', async () => {
    const { sql, reads } = audioTable([]);
    const files = new MediaFiles(sql, noSpeech, 1000);
    for (const id of ['', 'A'.repeat(64), 'a'.repeat(63), 'a'.repeat(65), `../${'a'.repeat(61)}`])
      expect(await files.find(id)).toBeUndefined();
    expect(reads).toEqual([]);
  });
});
