import { Mic, RotateCcw, Save, Square } from 'lucide-react';
import { IconButton } from '../shell/IconButton.tsx';
import { useAction } from '../shell/useAction.ts';
import { formatClipLength } from './formatClipLength.ts';
import { LevelMeter } from './LevelMeter.tsx';
import { recordingLimitMs, useRecorder } from './useRecorder.ts';
import './audio.css';

export interface BrowserRecorderProps {
  /** Sends the recording (the API converts and stores it); its failure is shown here. */
  readonly onSave: (recording: Blob) => Promise<void>;
  readonly maxMs?: number;
}

/** Minutes and seconds while recording, like a voice recorder's counter. */
function counter(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * Recording a prompt with the microphone: a level meter while recording, then the recording to play
 * back before saving it, or to record again.
 */
export function BrowserRecorder({ onSave, maxMs = recordingLimitMs }: BrowserRecorderProps) {
  const recorder = useRecorder({ maxMs });
  const { state } = recorder;
  const save = useAction(onSave);

  return (
    <div className="recorder" data-state={state.status}>
      {(state.status === 'idle' || state.status === 'starting') && (
        <div className="recorder__row">
          <IconButton
            icon={Mic}
            label="Start recording"
            variant="primary"
            disabled={state.status === 'starting'}
            onClick={recorder.start}
          />
          <span className="muted small">
            {state.status === 'starting'
              ? 'Allow the microphone in the browser to start…'
              : `Speak after pressing the button; up to ${formatClipLength(maxMs)}. Silence at the start and end is cut.`}
          </span>
        </div>
      )}
      {state.status === 'recording' && (
        <div className="recorder__row">
          <IconButton icon={Square} label="Stop recording" danger onClick={recorder.stop} />
          <span className="recorder__live" aria-hidden="true" />
          <span className="recorder__counter" aria-live="off">
            {counter(recorder.elapsedMs)}
          </span>
          <LevelMeter level={recorder.level} />
        </div>
      )}
      {state.status === 'recorded' && (
        <div className="recorder__result">
          {/* biome-ignore lint/a11y/useMediaCaption: the person's own recording, just made. */}
          <audio className="recorder__playback" controls src={state.url} aria-label="Your recording" />
          <div className="recorder__row">
            <span className="muted small">
              Recorded {formatClipLength(state.durationMs)}. Listen, then save it.
            </span>
            <span className="spacer" />
            <IconButton
              icon={RotateCcw}
              label="Record again"
              disabled={save.busy}
              onClick={recorder.discard}
            />
            <IconButton
              icon={Save}
              label={save.busy ? 'Saving…' : 'Save recording'}
              variant="primary"
              disabled={save.busy}
              onClick={() => save.run(state.blob)}
            />
          </div>
        </div>
      )}
      {state.status === 'failed' && (
        <div className="recorder__row">
          <p className="notice notice--error recorder__problem" role="alert">
            {state.message}
          </p>
          <IconButton icon={Mic} label="Try again" onClick={recorder.start} />
        </div>
      )}
      {save.error !== null && (
        <p className="notice notice--error" role="alert">
          {save.error.message}
        </p>
      )}
    </div>
  );
}
