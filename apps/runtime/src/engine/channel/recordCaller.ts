import { AriError } from '@callflow/ari';
import { stepErrors } from '@callflow/flow';
import { type RecordRequest, StepFailure } from '@callflow/flow/runtime';
import { waitForEvent } from '../waitForEvent.ts';
import type { AriCallChannelDeps } from './AriCallChannelDeps.ts';
import { callerRequest } from './callerRequest.ts';

/** Records the caller into a stored recording; resolves once Asterisk has finished and kept the file. */
export async function recordCaller(deps: AriCallChannelDeps, request: RecordRequest): Promise<void> {
  const { ari, router, hangup, latency, id } = deps;
  const finished = waitForEvent(
    router,
    `recording:${request.name}`,
    (event) => {
      if (event.type === 'RecordingFinished') return { failed: null };
      if (event.type === 'RecordingFailed') return { failed: event.recording.cause ?? 'unknown reason' };
      return undefined;
    },
    { hangup, channelId: id, latency },
  );
  try {
    await callerRequest(deps, () =>
      ari.channels.record(id, {
        name: request.name,
        format: request.format,
        maxDurationSeconds: request.maxDurationSeconds,
        maxSilenceSeconds: request.maxSilenceSeconds,
        beep: request.beep,
        terminateOn: request.terminateOn,
        // Re-recording within a call (a "record again?" loop) replaces the take.
        ifExists: 'overwrite',
      }),
    );
    // A caller hanging up here ends the call; Asterisk finishes and keeps the file by itself.
    const { failed } = await finished.result;
    if (failed !== null) throw new StepFailure(stepErrors.recordingFailed.says(request.name, failed));
    // Asterisk reports a recording it could not write (no folder, a full disk) as finished, not
    // failed: only the stored recording shows that there is something to play back.
    const kept = await callerRequest(deps, () => ari.recordings.getStored(request.name)).catch(
      (error: unknown) => {
        if (!(error instanceof StepFailure)) throw error; // the caller hung up
        // Only Asterisk answering "no such recording" shows it is missing: a check that fails
        // otherwise must not turn a message that was recorded into an error.
        return error.cause instanceof AriError && error.cause.status === 404 ? null : 'unchecked';
      },
    );
    if (kept === null)
      throw new StepFailure(
        `Asterisk kept no file for recording ${request.name}: nothing was recorded, or Asterisk cannot write to its recordings folder`,
      );
  } finally {
    finished.cancel();
  }
}
