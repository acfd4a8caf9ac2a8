import type { Database } from '@callflow/db';
import { readAudioFile, readVersionAudio } from '@callflow/db';
import type { FlowDocument, Prompt } from '@callflow/flow';
import { type SpeechEngine, speechKey } from '@callflow/media';
import { describe, expect, it } from 'vitest';
import { createVersion } from '../src/createVersion.ts';
import { deleteFlow } from '../src/deleteFlow.ts';
import { createPrompt } from '../src/prompts/createPrompt.ts';
import { deletePrompt } from '../src/prompts/deletePrompt.ts';
import { getPrompt } from '../src/prompts/getPrompt.ts';
import { promptChanges } from '../src/prompts/promptChanges.ts';
import { setPromptAudio } from '../src/prompts/setPromptAudio.ts';
import { publish } from '../src/publish.ts';
import { saveDraft } from '../src/saveDraft.ts';
import { unpublish } from '../src/unpublish.ts';
import { catalogCounts, expectRefused } from './catalogFixtures.ts';
import { countingSpeechEngine, promptDocument, testClip, unreachableSpeechEngine } from './promptFixtures.ts';

const upload = { source: 'upload', fileName: 'greeting.wav' } as const;

/** The library prompts and static speech a version pins, and how that outlives later edits. */
export function describePromptLibrary(database: () => Database): void {
  describe('the prompt library', () => {
    async function promptWith(name: string, clips: Record<string, number>) {
      const db = database();
      const prompt = await createPrompt(db, { name, description: '' }, 'alice');
      for (const [language, seed] of Object.entries(clips))
        await setPromptAudio(db, { promptId: prompt.id, language }, testClip(seed), upload, 'alice');
      return prompt;
    }

    function publishDocument(
      flow: string,
      extension: string,
      document: FlowDocument,
      speech: SpeechEngine = countingSpeechEngine(),
    ) {
      return publish(
        database(),
        { extension, flow: { name: flow }, source: { kind: 'document', document }, note: '', replace: false },
        'alice',
        { speech },
      );
    }

    it('pins every language of a prompt when a version is made: later edits change nothing it plays', async () => {
      const db = database();
      const prompt = await promptWith('Welcome pinned', { en: 1, ru: 2 });
      const published = await publishDocument(
        'Pinning',
        '7101',
        promptDocument([{ type: 'library', promptId: prompt.id }]),
      );
      const versionId = published.publication.versionId;
      expect(await readVersionAudio(db.sql, versionId)).toEqual([
        { kind: 'prompt', key: prompt.id, language: 'en', audioHash: testClip(1).hash },
        { kind: 'prompt', key: prompt.id, language: 'ru', audioHash: testClip(2).hash },
      ]);

      await setPromptAudio(db, { promptId: prompt.id, language: 'en' }, testClip(3), upload, 'bob');
      await setPromptAudio(db, { promptId: prompt.id, language: 'fr_FR' }, testClip(4), upload, 'bob');
      expect((await readVersionAudio(db.sql, versionId))[0]?.audioHash).toBe(testClip(1).hash);
      // The replaced clip stays for the version that pinned it.
      expect((await readAudioFile(db.sql, testClip(1).hash, 'wav'))?.equals(testClip(1).narrowband)).toBe(
        true,
      );

      const flowId = published.publication.flowId;
      expect(await promptChanges(db, flowId, '7101')).toEqual({
        extension: '7101',
        liveVersion: { flowId, flowName: 'Pinning', number: 1 },
        changes: [
          { promptId: prompt.id, name: 'Welcome pinned', changed: ['en'], added: ['fr_FR'], removed: [] },
        ],
      });
      expect(await promptChanges(db, flowId, '7199')).toEqual({
        extension: '7199',
        liveVersion: null,
        changes: [],
      });

      // A new version pins what the prompt has now, and nothing is left to change.
      await publish(
        db,
        { extension: '7101', flow: { id: flowId }, source: { kind: 'draft' }, note: '', replace: false },
        'alice',
      );
      expect((await promptChanges(db, flowId, '7101')).changes).toEqual([]);
    });

    it('says where a prompt is used: drafts naming it, versions that pinned it, where those are live', async () => {
      const db = database();
      const prompt = await promptWith('Where used', { en: 5 });
      const published = await publishDocument(
        'Uses it',
        '7102',
        promptDocument([{ type: 'library', promptId: prompt.id }]),
      );
      const detail = await getPrompt(db, prompt.id);
      expect(detail.usage).toEqual({
        drafts: [{ flowId: published.publication.flowId, flowName: 'Uses it' }],
        versions: [
          {
            flowId: published.publication.flowId,
            flowName: 'Uses it',
            number: 1,
            languages: ['en'],
            liveOn: ['7102'],
          },
        ],
        liveOn: ['7102'],
      });
      const flow = await db.prisma.flow.findUniqueOrThrow({ where: { id: published.publication.flowId } });
      await saveDraft(db, flow.id, {
        revision: flow.revision,
        document: promptDocument([{ type: 'digits', value: '1' }]),
      });
      expect((await getPrompt(db, prompt.id)).usage.drafts).toEqual([]);
    });

    it('refuses to delete a prompt a live version plays; once unpublished, the version keeps its audio', async () => {
      const db = database();
      const prompt = await promptWith('Live prompt', { en: 6 });
      const published = await publishDocument(
        'Live flow',
        '7103',
        promptDocument([{ type: 'library', promptId: prompt.id }]),
      );
      await expectRefused(db, () => deletePrompt(db, prompt.id, 'bob'), {
        code: 'prompt_in_use',
        extensions: ['7103'],
      });
      expect((await getPrompt(db, prompt.id)).audio).toHaveLength(1);
      await unpublish(db, '7103', 'bob');
      await deletePrompt(db, prompt.id, 'bob');
      expect(await readVersionAudio(db.sql, published.publication.versionId)).toHaveLength(1);
      expect(await readAudioFile(db.sql, testClip(6).hash, 'wav')).toBeDefined();
    });

    it('refuses a version naming a prompt that does not exist, naming the node, and makes nothing', async () => {
      const db = database();
      const document = promptDocument([{ type: 'library', promptId: 'no-such-prompt' }]);
      const error = await publishDocument('Missing prompt', '7104', document).catch(
        (caught: unknown) => caught,
      );
      // Validation with the library names the node and field that play it.
      expect(error).toMatchObject({
        code: 'invalid_flow',
        refusal: {
          problems: [
            expect.objectContaining({
              code: 'unknown-prompt',
              nodeId: 'say',
              severity: 'error',
              path: 'nodes.1.options.prompts.0.promptId',
            }),
          ],
        },
      });
      expect(
        (error as { refusal: { problems: { message: string }[] } }).refusal.problems[0]?.message,
      ).toMatch(/^Play “Greeting”: .*no longer exists; choose another$/);
      expect(await db.prisma.publication.findUnique({ where: { extension: '7104' } })).toBeNull();
    });

    it('renders each static say text once, outside the transaction, and pins it; text with variables is left to the call', async () => {
      const db = database();
      const speech = countingSpeechEngine();
      const document = promptDocument([
        {
          type: 'say',
          text: 'Thank you for calling.',
          language: null,
          voice: null,
          translations: [{ language: 'ru', text: 'Спасибо за звонок.' }],
        },
        {
          type: 'say',
          text: 'Your balance is {{vars.balance}}',
          language: null,
          voice: null,
          translations: [],
        },
      ]);
      const published = await publishDocument('Spoken', '7105', document, speech);
      expect(speech.spoken.map((request) => request.text).sort()).toEqual([
        'Thank you for calling.',
        'Спасибо за звонок.',
      ]);
      const pinned = await readVersionAudio(db.sql, published.publication.versionId);
      expect(pinned.map((row) => [row.kind, row.key, row.language]).sort()).toEqual(
        [
          [
            'speech',
            speechKey('espeak-ng', { text: 'Thank you for calling.', language: 'en', voice: null }),
            'en',
          ],
          [
            'speech',
            speechKey('espeak-ng', { text: 'Спасибо за звонок.', language: 'ru', voice: null }),
            'ru',
          ],
        ].sort(),
      );
      // The next version finds the renderings pinned before: nothing is spoken again.
      const again = countingSpeechEngine();
      await createVersion(db, published.publication.flowId, { note: 'again' }, 'alice', { speech: again });
      expect(again.spoken).toEqual([]);
    });

    it('deletes the audio only a deleted flow pinned, and keeps what another flow still plays', async () => {
      const db = database();
      const say = (text: string): Prompt => ({
        type: 'say',
        text,
        language: null,
        voice: null,
        translations: [],
      });
      const gone = await publishDocument(
        'Leaving',
        '7107',
        promptDocument([say('Only this flow says it.'), say('Both say it.')]),
      );
      await publishDocument('Staying', '7108', promptDocument([say('Both say it.')]));
      const pinned = await db.prisma.versionAudio.findMany({
        where: { versionId: gone.publication.versionId },
        select: { key: true, audioHash: true },
      });
      const hashOf = (text: string) =>
        pinned.find((row) => row.key === speechKey('espeak-ng', { text, language: 'en', voice: null }))
          ?.audioHash ?? '';
      await unpublish(db, '7107', 'alice');
      await deleteFlow(db, gone.publication.flowId, 'alice');
      expect(
        await db.prisma.audio.findUnique({ where: { hash: hashOf('Only this flow says it.') } }),
      ).toBeNull();
      expect(await db.prisma.audio.findUnique({ where: { hash: hashOf('Both say it.') } })).not.toBeNull();
    });

    it('makes no version when the speech engine cannot speak a static text', async () => {
      const db = database();
      const document = promptDocument([
        { type: 'say', text: 'Nobody hears this.', language: null, voice: null, translations: [] },
      ]);
      const before = await catalogCounts(db);
      const error = await publishDocument('Unspoken', '7106', document, unreachableSpeechEngine).catch(
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({
        code: 'speech_failed',
        refusal: { code: 'speech_failed', text: 'Nobody hears this.', language: 'en' },
      });
      expect((error as Error).message).toBe(
        'text-to-speech could not speak "Nobody hears this." (en): The speech engine tts.example.com cannot be reached; no version was made',
      );
      expect(await catalogCounts(db)).toEqual(before);
    });
  });
}
