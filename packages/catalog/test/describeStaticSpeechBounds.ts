import type { Database } from '@callflow/db';
import type { Prompt } from '@callflow/flow';
import { type SpeechEngine, SpeechFailed } from '@callflow/media';
import { describe, expect, it } from 'vitest';
import { createFlow } from '../src/createFlow.ts';
import { createVersion } from '../src/createVersion.ts';
import type { StaticSpeechOptions } from '../src/prompts/staticSpeech.ts';
import { publish } from '../src/publish.ts';
import { saveDraft } from '../src/saveDraft.ts';
import { expectRefused } from './catalogFixtures.ts';
import { countingSpeechEngine, promptDocument } from './promptFixtures.ts';

function says(...texts: string[]): Prompt[] {
  return texts.map((text) => ({ type: 'say', text, language: null, voice: null, translations: [] }));
}

/** An engine that answers only by giving up when its signal aborts, as a hung HTTP engine's would. */
function hangingSpeechEngine(onRender: () => void = () => {}): SpeechEngine {
  return {
    id: 'http:slow.example.com',
    voices: async () => [],
    render: (_request, signal) =>
      new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () =>
          reject(new SpeechFailed('http:slow.example.com', 'aborted', 'The speech was cancelled.')),
        );
        onRender();
      }),
  };
}

/** Rendering a version's static say texts is bounded: in count, in time, by the caller, in retries. */
export function describeStaticSpeechBounds(database: () => Database): void {
  describe('static speech bounds', () => {
    function publishSaying(extension: string, texts: string[], options: StaticSpeechOptions) {
      return publish(
        database(),
        {
          extension,
          flow: { name: `Speaking ${extension}` },
          source: { kind: 'document', document: promptDocument(says(...texts)) },
          note: '',
          replace: false,
        },
        'alice',
        options,
      );
    }

    it('refuses a version with more distinct texts to render than the limit, before rendering any', async () => {
      const speech = countingSpeechEngine();
      await expectRefused(
        database(),
        () => publishSaying('7150', ['One.', 'Two.', 'Three.'], { speech, limits: { texts: 2 } }),
        { code: 'too_much_speech', limit: 2 },
        'this flow has more than 2 different texts to speak, more than one version may hold; use fewer say texts (or library prompts) and try again; no version was made',
      );
      expect(speech.spoken).toEqual([]);
    });

    it('gives the whole rendering pass one deadline, passed to the engine as a signal', async () => {
      await expectRefused(
        database(),
        () =>
          publishSaying('7151', ['Slow one.', 'Slow two.'], {
            speech: hangingSpeechEngine(),
            limits: { deadlineMs: 300 },
          }),
        { code: 'speech_timeout', seconds: 1 },
        "text-to-speech took more than 1 second for this flow's texts; try again later; no version was made",
      );
    });

    it("stops rendering when the caller's signal aborts, and runs each rendering where the caller says", async () => {
      const controller = new AbortController();
      const ran: AbortSignal[] = [];
      await expectRefused(
        database(),
        () =>
          publishSaying('7152', ['Nobody waits for this.'], {
            speech: hangingSpeechEngine(() => controller.abort()),
            signal: controller.signal,
            runRendering: (render, signal) => {
              ran.push(signal);
              return render();
            },
          }),
        { code: 'cancelled' },
        'publishing was cancelled before its speech was ready; no version was made',
      );
      expect(ran).toHaveLength(1);
      expect(ran[0]?.aborted).toBe(true);
    });

    it('refuses, in words, a draft that asks for new texts each time its texts are rendered', async () => {
      const db = database();
      const flow = await createFlow(db, {
        name: 'Changing while published',
        document: promptDocument(says('Text 0.')),
      });
      let revision = flow.revision;
      const real = countingSpeechEngine();
      // Each rendering saves the draft again with a text not rendered yet, as a busy colleague might.
      const meddling: SpeechEngine = {
        ...real,
        render: async (request, signal) => {
          revision = (
            await saveDraft(db, flow.id, {
              revision,
              document: promptDocument(says(`Text ${real.spoken.length + 1}.`)),
            })
          ).revision;
          return real.render(request, signal);
        },
      };
      await expectRefused(
        db,
        () => createVersion(db, flow.id, { note: '' }, 'alice', { speech: meddling }),
        { code: 'draft_changed' },
        'the flow changed while it was being published; try again',
      );
      expect(real.spoken.map((request) => request.text)).toEqual(['Text 0.', 'Text 1.']);
    });
  });
}
