import { Loader2, Play, Square } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { asError } from '../api/asError.ts';
import './audio.css';

export interface AudioPreviewButtonProps {
  /** The API's address of the audio, or a loader of audio made on request (a speech preview). */
  readonly source: string | (() => Promise<Blob>);
  /** Names the button, e.g. "Play Welcome in English". */
  readonly label: string;
  /** Written beside the icon; without it the button is an icon with `label` as its name. */
  readonly text?: string;
  readonly small?: boolean;
  readonly disabled?: boolean;
}

type State = 'idle' | 'loading' | 'playing';

/**
 * Plays a clip in the browser and stops it on a second click. Starting one preview stops any other
 * on the page, so two prompts never talk over each other. The audio comes from the API only.
 */
export function AudioPreviewButton({ source, label, text, small = true, disabled }: AudioPreviewButtonProps) {
  const audio = useRef<HTMLAudioElement>(null);
  const objectUrl = useRef<string | null>(null);
  const [state, setState] = useState<State>('idle');
  const [problem, setProblem] = useState<string | null>(null);

  const stop = useCallback(() => {
    const element = audio.current;
    if (element !== null && !element.paused) {
      element.pause();
      element.currentTime = 0;
    }
    setState('idle');
  }, []);

  useEffect(() => {
    // Another preview started: this one stops (play events do not bubble, so listen while capturing).
    const stopWhenAnotherPlays = (event: Event) => {
      if (event.target !== audio.current && event.target instanceof HTMLMediaElement) stop();
    };
    document.addEventListener('play', stopWhenAnotherPlays, true);
    return () => {
      document.removeEventListener('play', stopWhenAnotherPlays, true);
      if (objectUrl.current !== null) URL.revokeObjectURL(objectUrl.current);
    };
  }, [stop]);

  async function start() {
    const element = audio.current;
    if (element === null) return;
    setProblem(null);
    try {
      if (typeof source === 'string') {
        if (element.getAttribute('src') !== source) element.src = source;
      } else {
        setState('loading');
        const blob = await source();
        if (objectUrl.current !== null) URL.revokeObjectURL(objectUrl.current);
        objectUrl.current = URL.createObjectURL(blob);
        element.src = objectUrl.current;
      }
      setState('playing');
      await element.play();
    } catch (caught) {
      setState('idle');
      // The browser aborts play() when stop() pauses it first: that is not a failure.
      if (caught instanceof DOMException && caught.name === 'AbortError') return;
      setProblem(asError(caught).message);
    }
  }

  const Icon = state === 'loading' ? Loader2 : state === 'playing' ? Square : Play;
  const name = state === 'playing' ? `Stop ${label.replace(/^(Play|Listen to) /, '')}` : label;
  return (
    <span className="audio-preview" data-state={state}>
      <button
        type="button"
        className={`button ${small ? 'button--small' : ''} audio-preview__button`}
        aria-label={text === undefined ? name : undefined}
        title={text === undefined ? name : undefined}
        disabled={disabled === true || state === 'loading'}
        onClick={() => (state === 'playing' ? stop() : void start())}
      >
        <Icon size={14} aria-hidden="true" className={state === 'loading' ? 'spin' : undefined} />
        {text !== undefined && (state === 'playing' ? 'Stop' : text)}
      </button>
      {/* biome-ignore lint/a11y/useMediaCaption: prompts are speech previews; their text is beside them. */}
      <audio
        ref={audio}
        preload="none"
        onEnded={() => setState('idle')}
        onError={() => {
          if (audio.current?.getAttribute('src') === null) return;
          setState('idle');
          setProblem('This audio could not be played. Try again, or upload it again.');
        }}
      />
      {problem !== null && (
        <span className="audio-preview__problem" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}
