import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isRefusedByDatabase } from '../src/isRefusedByDatabase.ts';
import { isUniqueConstraintViolation } from '../src/isUniqueConstraintViolation.ts';
import type { Database } from '../src/openDatabase.ts';
import { readAudioFile } from '../src/queries/readAudioFile.ts';
import { readVersionAudio } from '../src/queries/readVersionAudio.ts';

const flowDocument = JSON.stringify({ schemaVersion: 1, nodes: [], edges: [] });

/** Bytes that are not text (NUL, 0xFF, invalid UTF-8), so an engine storing them as text would show. */
function clip(seed: number, length = 4096): { hash: string; narrowband: Buffer; wideband: Buffer } {
  const narrowband = Buffer.alloc(length);
  for (let index = 0; index < length; index++) narrowband[index] = (index * 31 + seed) % 256;
  const wideband = Buffer.concat([narrowband, narrowband]);
  return { hash: createHash('sha256').update(narrowband).digest('hex'), narrowband, wideband };
}

async function refusal(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
}

/**
 * The prompt library's tables (Audio, Prompt, PromptAudio, VersionAudio) on the engine of `database()`,
 * and the runtime's reads of them. Part of describeDatabaseContract.
 */
export function describePromptLibraryStorage(database: () => Database): void {
  describe('the prompt library', () => {
    async function storeAudio(seed: number) {
      const { prisma } = database();
      const audio = clip(seed);
      await prisma.audio.create({
        data: {
          hash: audio.hash,
          // Prisma's Bytes are Uint8Arrays over an ArrayBuffer (a Buffer may share a pool).
          narrowband: new Uint8Array(audio.narrowband),
          wideband: new Uint8Array(audio.wideband),
          durationMs: 512,
          peaks: JSON.stringify([0.5]),
        },
      });
      return audio;
    }

    async function versionOf(name: string) {
      const { prisma } = database();
      const flow = await prisma.flow.create({ data: { name, document: flowDocument } });
      return prisma.flowVersion.create({
        data: { flowId: flow.id, number: 1, document: flowDocument, schemaVersion: 1 },
      });
    }

    it('stores audio bytes exactly, and the runtime reads each rendering back by hash', async () => {
      const { prisma, sql } = database();
      const audio = await storeAudio(1);
      const stored = await prisma.audio.findUniqueOrThrow({ where: { hash: audio.hash } });
      expect(Buffer.from(stored.narrowband).equals(audio.narrowband)).toBe(true);
      const narrowband = await readAudioFile(sql, audio.hash, 'wav');
      const wideband = await readAudioFile(sql, audio.hash, 'wav16');
      expect(narrowband?.equals(audio.narrowband)).toBe(true);
      expect(wideband?.equals(audio.wideband)).toBe(true);
      expect(await readAudioFile(sql, clip(99).hash, 'wav')).toBeUndefined();
    });

    it('keeps one audio per prompt and language, and prompt names unique', async () => {
      const { prisma } = database();
      const english = await storeAudio(2);
      const russian = await storeAudio(3);
      const prompt = await prisma.prompt.create({
        data: {
          name: 'Welcome',
          audio: {
            create: [
              { language: 'en', audioHash: english.hash, source: 'upload', fileName: 'welcome.mp3' },
              { language: 'ru', audioHash: russian.hash, source: 'speech', speechText: 'Привет' },
            ],
          },
        },
        include: { audio: { orderBy: { language: 'asc' } } },
      });
      expect(prompt.description).toBe('');
      expect(prompt.audio.map((audio) => [audio.language, audio.source])).toEqual([
        ['en', 'upload'],
        ['ru', 'speech'],
      ]);
      const again = await refusal(
        prisma.promptAudio.create({
          data: { promptId: prompt.id, language: 'en', audioHash: russian.hash, source: 'upload' },
        }),
      );
      expect(isUniqueConstraintViolation(again)).toBe(true);
      expect(
        isUniqueConstraintViolation(await refusal(prisma.prompt.create({ data: { name: 'Welcome' } }))),
      ).toBe(true);
    });

    it('refuses audio that does not exist, and deleting audio a prompt or a version plays', async () => {
      const { prisma, sql } = database();
      const prompt = await prisma.prompt.create({ data: { name: 'Goodbye' } });
      expect(
        isRefusedByDatabase(
          await refusal(
            prisma.promptAudio.create({
              data: { promptId: prompt.id, language: 'en', audioHash: clip(98).hash, source: 'upload' },
            }),
          ),
        ),
      ).toBe(true);
      const audio = await storeAudio(4);
      await prisma.promptAudio.create({
        data: { promptId: prompt.id, language: 'en', audioHash: audio.hash, source: 'recording' },
      });
      expect(isRefusedByDatabase(await refusal(prisma.audio.delete({ where: { hash: audio.hash } })))).toBe(
        true,
      );
      const version = await versionOf('Pinned');
      await prisma.versionAudio.create({
        data: {
          versionId: version.id,
          kind: 'prompt',
          key: prompt.id,
          language: 'en',
          audioHash: audio.hash,
        },
      });
      await prisma.promptAudio.delete({
        where: { promptId_language: { promptId: prompt.id, language: 'en' } },
      });
      expect(isRefusedByDatabase(await refusal(prisma.audio.delete({ where: { hash: audio.hash } })))).toBe(
        true,
      );
      expect((await readAudioFile(sql, audio.hash, 'wav'))?.length).toBe(4096);
    });

    it("pins a version's audio, read by the runtime in a fixed order, gone with the version", async () => {
      const { prisma, sql } = database();
      const welcome = await storeAudio(5);
      const spoken = await storeAudio(6);
      const prompt = await prisma.prompt.create({
        data: {
          name: 'Menu',
          audio: { create: { language: 'en', audioHash: welcome.hash, source: 'upload' } },
        },
      });
      const version = await versionOf('Pinning');
      await prisma.versionAudio.createMany({
        data: [
          {
            versionId: version.id,
            kind: 'speech',
            key: 'k'.repeat(64),
            language: 'fr_FR',
            audioHash: spoken.hash,
          },
          { versionId: version.id, kind: 'prompt', key: prompt.id, language: 'en', audioHash: welcome.hash },
        ],
      });
      expect(await readVersionAudio(sql, version.id)).toEqual([
        { kind: 'prompt', key: prompt.id, language: 'en', audioHash: welcome.hash },
        { kind: 'speech', key: 'k'.repeat(64), language: 'fr_FR', audioHash: spoken.hash },
      ]);
      // Deleting the prompt keeps what the version pinned; deleting the version removes its pins.
      await prisma.prompt.delete({ where: { id: prompt.id } });
      expect(await prisma.promptAudio.count({ where: { promptId: prompt.id } })).toBe(0);
      expect(await readVersionAudio(sql, version.id)).toHaveLength(2);
      await prisma.flow.delete({ where: { id: version.flowId } });
      expect(await readVersionAudio(sql, version.id)).toEqual([]);
      expect(await prisma.audio.count({ where: { hash: { in: [welcome.hash, spoken.hash] } } })).toBe(2);
    });

    it('refuses to read a version whose pinned row is malformed, so it never reaches a media URI', async () => {
      const { prisma, sql } = database();
      const good = await storeAudio(7);
      const version = await versionOf('Malformed pin');
      const badHash = `${good.hash},sound:beep`;
      await prisma.audio.create({
        data: {
          hash: badHash,
          narrowband: new Uint8Array(4),
          wideband: new Uint8Array(8),
          durationMs: 1,
          peaks: '[]',
        },
      });
      await prisma.versionAudio.create({
        data: { versionId: version.id, kind: 'prompt', key: 'greeting', language: 'en', audioHash: badHash },
      });
      await expect(readVersionAudio(sql, version.id)).rejects.toThrow('audioHash must be a SHA-256');
      await prisma.versionAudio.deleteMany({ where: { versionId: version.id } });
      await prisma.versionAudio.create({
        data: { versionId: version.id, kind: 'prompt', key: 'a,b', language: 'en', audioHash: good.hash },
      });
      await expect(readVersionAudio(sql, version.id)).rejects.toThrow(
        'key must be a prompt id or a speech key',
      );
    });
  });
}
