import { createHash } from 'node:crypto';
import type { Database } from '@callflow/db';
import type { TestFlowDocument } from '@callflow/flow/testing';

/** Bytes standing for one audio's 8 kHz WAV (binary on purpose: NUL, 0xFF), with their hash. */
export function testAudio(seed: number, length = 2048): { hash: string; narrowband: Buffer } {
  const narrowband = Buffer.alloc(length);
  for (let index = 0; index < length; index++) narrowband[index] = (index * 7 + seed) % 256;
  return { hash: createHash('sha256').update(narrowband).digest('hex'), narrowband };
}

/** One audio the version pins: a library prompt's (key: its id) or a rendering's (key: its speech key). */
export interface TestPin {
  kind: 'prompt' | 'speech';
  key: string;
  language: string;
  audio: { hash: string; narrowband: Buffer };
}

/**
 * Stores what the catalog makes when a flow is published: the flow, its version 1 with `pins` in
 * VersionAudio (and their Audio rows), and the publication of `extension`. Returns the version's id.
 */
export async function storePinnedVersion(
  db: Database,
  options: { extension: string; document: TestFlowDocument; pins: TestPin[] },
): Promise<string> {
  const { prisma } = db;
  for (const { audio } of options.pins) {
    // The 16 kHz rendering differs, so serving the wrong one shows.
    const narrowband = new Uint8Array(audio.narrowband);
    const wideband = new Uint8Array(Buffer.concat([audio.narrowband, audio.narrowband]));
    await prisma.audio.upsert({
      where: { hash: audio.hash },
      create: { hash: audio.hash, narrowband, wideband, durationMs: 1000, peaks: '[]' },
      update: {},
    });
  }
  const document = JSON.stringify(options.document);
  const flow = await prisma.flow.create({ data: { name: `prompts ${options.extension}`, document } });
  const version = await prisma.flowVersion.create({
    data: { flowId: flow.id, number: 1, document, schemaVersion: 1 },
  });
  await prisma.versionAudio.createMany({
    data: options.pins.map((pin) => ({
      versionId: version.id,
      kind: pin.kind,
      key: pin.key,
      language: pin.language,
      audioHash: pin.audio.hash,
    })),
  });
  await prisma.publication.create({
    data: { extension: options.extension, flowId: flow.id, flowVersionId: version.id },
  });
  return version.id;
}
