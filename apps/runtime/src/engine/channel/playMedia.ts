import { randomUUID } from 'node:crypto';
import { stepErrors } from '@callflow/flow';
import { CallEndedError, StepFailure } from '@callflow/flow/runtime';
import { ignoreGone } from '../ignoreGone.ts';
import { waitForEvent } from '../waitForEvent.ts';
import type { AriCallChannelDeps } from './AriCallChannelDeps.ts';
import type { CallerDigits } from './CallerDigits.ts';
import { callerRequest } from './callerRequest.ts';

/**
 * Plays media URIs to the caller in one playback and resolves when it finishes. With
 * interruptOnDigit a digit (already buffered, or pressed meanwhile) stops it; the digit stays buffered.
 */
export async function playMedia(
  deps: AriCallChannelDeps,
  digits: CallerDigits,
  media: readonly string[],
  options: { language: string | null; interruptOnDigit: boolean },
): Promise<void> {
  if (media.length === 0) return;
  if (options.interruptOnDigit && digits.buffered.length > 0) return;
  const { ari, router, cleanup, hangup, latency, id } = deps;
  // Our own id, so the waiter is registered before the request: PlaybackFinished may beat its answer.
  const playbackId = randomUUID();
  const finished = waitForEvent(
    router,
    `playback:${playbackId}`,
    (event) => (event.type === 'PlaybackFinished' ? event.playback.state : undefined),
    { hangup, channelId: id, latency },
  );
  const key = `playback:${playbackId}`;
  cleanup.add(key, () => ari.playbacks.stop(playbackId).catch(ignoreGone));
  const stopListening = options.interruptOnDigit ? digits.onDigit(() => void cleanup.run(key)) : () => {};
  try {
    await callerRequest(deps, () =>
      ari.channels.play(id, {
        playbackId,
        media,
        ...(options.language === null ? {} : { lang: options.language }),
      }),
    );
    const state = await finished.result;
    cleanup.remove(key);
    if (state === 'failed') throw new StepFailure(stepErrors.soundNotFound.says(media));
  } catch (error) {
    // Refused or failed: nothing is playing. Hung up: the session stops what may still play.
    if (!(error instanceof CallEndedError)) cleanup.remove(key);
    throw error;
  } finally {
    finished.cancel();
    stopListening();
  }
}
