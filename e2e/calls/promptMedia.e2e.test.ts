// The runtime's media listener on the real Asterisk: a published library prompt and a sentence spoken
// during the call are fetched by Asterisk (res_http_media_cache) from the runtime and played, and
// Asterisk keeps exactly the bytes the library holds, fetched once.
import { createPrompt, setPromptAudio } from '@callflow/catalog';
import { convertAudio } from '@callflow/media';
import { makeTestAudio } from '@callflow/media/testing';
import { describe, expect, it } from 'vitest';
import { pathOf } from '../harness/CallflowHarness.ts';
import { answered, answeredThen, flow, say } from '../harness/flowBuilder.ts';
import { useAriObserver } from '../harness/useAriObserver.ts';
import { useCallflow } from '../harness/useCallflow.ts';
import { asteriskCachedFile } from '../lib/asteriskCachedFile.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';

/** Where the runtime under test serves media, from its start-up line. */
function mediaUrlOf(runtimeOutput: string): string {
  const url = /prompt media served .*url=(\S+)/.exec(runtimeOutput)?.[1];
  if (url === undefined) throw new Error('the runtime did not say where it serves prompt media');
  return url;
}

/** The requests the runtime's media listener answered for `path` (its debug log): `result=served`, … */
const requestsFor = (runtimeOutput: string, path: string) =>
  runtimeOutput
    .split('\n')
    .filter((line) => line.includes('media request') && line.includes(`path=${path}`))
    .map((line) => /result=(\S+)/.exec(line)?.[1]);

describe('prompts served to the real Asterisk by the runtime', () => {
  const harness = useCallflow();
  const observer = useAriObserver();

  it('plays a published library prompt fetched once from the runtime, and Asterisk keeps exactly the library’s bytes', async () => {
    const audio = await convertAudio(
      await makeTestAudio({ format: 'wav', segments: [{ kind: 'tone', seconds: 1 }] }),
    );
    const prompt = await createPrompt(harness.db, { name: 'e2e greeting', description: '' }, 'e2e');
    await setPromptAudio(
      harness.db,
      { promptId: prompt.id, language: 'en' },
      audio,
      { source: 'upload', fileName: 'greeting.wav' },
      'e2e',
    );
    await harness.publish(
      '7301',
      flow(
        [
          ...answered,
          { id: 'greet', kind: 'play', options: { prompts: [{ type: 'library', promptId: prompt.id }] } },
          { id: 'bye', kind: 'hangup' },
        ],
        [...answeredThen('greet'), 'greet.next -> bye'],
      ),
    );
    const uri = `${mediaUrlOf(harness.runtimeOutput)}/${audio.hash}.wav`;

    for (const round of [1, 2]) {
      const since = new Date();
      const call = await placeCall({ extension: '7301', expectRemoteHangup: true });
      expect(call.ok, call.errors ?? call.stderr).toBe(true);
      const logged = await harness.waitForCall('7301', since);
      // PlaybackFinished "done" takes the next port; a failed fetch or playback the error port.
      expect(pathOf(logged), `call ${round}`).toEqual([
        'start:next',
        'answer:next',
        'greet:next',
        'bye:ended',
      ]);
      expect(observer.current.mediaPlayedTo(logged.channelId)).toEqual([`sound:${uri}`]);
    }
    // Immutable: the second call played Asterisk's copy without asking again (not even a revalidation).
    expect(requestsFor(harness.runtimeOutput, `/media/${audio.hash}.wav`)).toEqual(['served']);
    expect((await asteriskCachedFile(uri)).equals(audio.narrowband)).toBe(true);
  });

  it('speaks a sentence with a variable during the call, served by the runtime and played by Asterisk', async () => {
    await harness.publish(
      '7302',
      flow(
        [
          ...answered,
          {
            id: 'say',
            kind: 'play',
            options: {
              prompts: [say('Your number is {{caller.number}}')],
            },
          },
          { id: 'bye', kind: 'hangup' },
        ],
        [...answeredThen('say'), 'say.next -> bye'],
      ),
    );
    const since = new Date();
    const call = await placeCall({ extension: '7302', from: '4401', expectRemoteHangup: true });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall('7302', since);
    expect(pathOf(logged)).toEqual(['start:next', 'answer:next', 'say:next', 'bye:ended']);
    const [played] = observer.current.mediaPlayedTo(logged.channelId);
    const base = mediaUrlOf(harness.runtimeOutput);
    expect(played).toMatch(new RegExp(`^sound:${base.replace(/[.]/g, '\\.')}/[0-9a-f]{64}\\.wav$`));
    const uri = (played ?? '').slice('sound:'.length);
    expect(requestsFor(harness.runtimeOutput, new URL(uri).pathname)).toEqual(['served']);
    // What Asterisk keeps is an 8 kHz 16-bit mono WAV of some length (espeak-ng's speech).
    const kept = await asteriskCachedFile(uri);
    expect(kept.subarray(0, 4).toString()).toBe('RIFF');
    expect(kept.readUInt32LE(24)).toBe(8000);
    expect(kept.length).toBeGreaterThan(8000);
  });
});
