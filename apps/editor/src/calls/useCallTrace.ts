import type { CallItem, StepItem } from '@callflow/contract';
import { useEffect, useState } from 'react';
import { asError } from '../api/asError.ts';
import { callsApi } from '../api/callsApi.ts';
import { mergeCall } from './mergeCall.ts';
import { mergeSteps } from './mergeSteps.ts';
import { openCallStream } from './openCallStream.ts';

export interface CallTrace {
  readonly call: CallItem | undefined;
  /** The steps the call has taken so far, ordered by `seq`. */
  readonly steps: StepItem[];
  readonly error: Error | null;
}

interface TraceState extends CallTrace {
  /** The call this state belongs to: another call's data is never returned while a new one loads. */
  readonly callId: string | null;
}

const empty: CallTrace = { call: undefined, steps: [], error: null };

/**
 * One call and the path it took (its steps). While the call is live it is followed through the
 * call stream, so the timeline grows as steps are written; once it has ended the stream is closed.
 * Used by the call detail and by the canvas to highlight a call's path.
 */
export function useCallTrace(callId: string | null): CallTrace {
  const [state, setState] = useState<TraceState>({ callId: null, ...empty });

  useEffect(() => {
    if (callId === null) return;
    const controller = new AbortController();
    let closeStream: (() => void) | null = null;
    let ended = false;
    setState({ callId, ...empty });

    const update = (change: (current: TraceState) => Partial<CallTrace>) =>
      setState((current) => (current.callId === callId ? { ...current, ...change(current) } : current));

    const stopFollowing = () => {
      closeStream?.();
      closeStream = null;
    };

    const load = async (): Promise<void> => {
      try {
        const { steps, ...call } = await callsApi.get(callId, controller.signal);
        if (controller.signal.aborted) return;
        update((current) => ({
          call: mergeCall(current.call, call),
          steps: mergeSteps(current.steps, steps),
          error: null,
        }));
        if (call.live && !ended && closeStream === null) follow(call.extension);
        else if (!call.live) stopFollowing();
      } catch (caught) {
        if (controller.signal.aborted) return;
        update(() => ({ error: asError(caught) }));
      }
    };

    const follow = (extension: string) => {
      closeStream = openCallStream(
        { extension },
        {
          // The stream only carries what happens after it connects: read what came before.
          onOpen: () => void load(),
          onCall: (call) => {
            if (call.id !== callId || ended) return;
            update((current) => ({ call: mergeCall(current.call, call) }));
            if (!call.live) {
              ended = true;
              stopFollowing();
              // The last steps can be written in the same batch as the end and sent after it.
              void load();
            }
          },
          onStep: (step) => {
            if (step.callId !== callId || ended) return;
            update((current) => ({ steps: mergeSteps(current.steps, [step]) }));
          },
        },
      );
    };

    void load();
    return () => {
      controller.abort();
      stopFollowing();
    };
  }, [callId]);

  if (callId === null || state.callId !== callId) return empty;
  return { call: state.call, steps: state.steps, error: state.error };
}
