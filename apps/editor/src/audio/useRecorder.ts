import { useCallback, useEffect, useRef, useState } from 'react';
import { microphoneProblem } from './microphoneProblem.ts';

export type RecorderState =
  | { readonly status: 'idle' }
  /** Waiting for the browser (and the person) to allow the microphone. */
  | { readonly status: 'starting' }
  | { readonly status: 'recording' }
  | { readonly status: 'recorded'; readonly blob: Blob; readonly url: string; readonly durationMs: number }
  | { readonly status: 'failed'; readonly message: string };

export interface Recorder {
  readonly state: RecorderState;
  /** How loud the microphone is now, 0..1 (0 when not recording). */
  readonly level: number;
  readonly elapsedMs: number;
  readonly start: () => void;
  readonly stop: () => void;
  /** Forgets the recording (or the failure), back to idle. */
  readonly discard: () => void;
}

/** Formats the server reads, best first; Chromium and Firefox record WebM/Opus, Safari MP4. */
const preferredTypes = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'];
/** Meter updates per second: smooth to the eye without re-rendering on every animation frame. */
const meterIntervalMs = 50;
/**
 * The longest recording: the API refuses audio longer than 5 minutes (300 s, with 20 ms to spare),
 * and the WebM the browser hands over can decode a little longer than the time it recorded, so the
 * recorder stops a second earlier rather than make a full-length take the server then refuses.
 */
export const recordingLimitMs = 299_000;

interface Session {
  stream: MediaStream;
  context: AudioContext;
  recorder: MediaRecorder;
  chunks: Blob[];
  startedAt: number;
  frame: number;
  stopTimer: ReturnType<typeof setTimeout>;
}

/** 0..1 from the loudness of the last samples: -60 dBFS and below reads as silence. */
function levelOf(samples: Float32Array<ArrayBuffer>): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / Math.max(samples.length, 1));
  if (rms <= 0) return 0;
  return Math.min(1, Math.max(0, (20 * Math.log10(rms) + 60) / 60));
}

/**
 * Records from the microphone in the browser (getUserMedia + MediaRecorder), with a live level from
 * an AnalyserNode, up to `maxMs` (then it stops by itself). The recording stays in the page, as a blob
 * to play back and then upload; nothing leaves the browser until the page sends it.
 */
export function useRecorder({ maxMs = recordingLimitMs }: { maxMs?: number } = {}): Recorder {
  const [state, setState] = useState<RecorderState>({ status: 'idle' });
  const [level, setLevel] = useState(0);
  const [elapsedMs, setElapsedMs] = useState(0);
  const session = useRef<Session | null>(null);
  /** Counts starts and discards: what a discarded (or replaced) attempt finishes later is ignored. */
  const attempt = useRef(0);
  const recordedUrl = useRef<string | null>(null);
  const mounted = useRef(true);

  const release = useCallback((current: Session | null) => {
    if (current === null) return;
    if (session.current === current) session.current = null;
    cancelAnimationFrame(current.frame);
    clearTimeout(current.stopTimer);
    for (const track of current.stream.getTracks()) track.stop();
    void current.context.close().catch(() => {});
  }, []);

  /** Ends the attempt under way (asking for the microphone, or recording); its late results are dropped. */
  const abandon = useCallback(() => {
    attempt.current += 1;
    const current = session.current;
    if (current?.recorder.state === 'recording') current.recorder.stop();
    release(current);
  }, [release]);

  const forgetRecording = useCallback(() => {
    if (recordedUrl.current !== null) URL.revokeObjectURL(recordedUrl.current);
    recordedUrl.current = null;
  }, []);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      abandon();
      forgetRecording();
    };
  }, [abandon, forgetRecording]);

  const stop = useCallback(() => {
    const recorder = session.current?.recorder;
    if (recorder !== undefined && recorder.state === 'recording') recorder.stop();
  }, []);

  const start = useCallback(() => {
    if (session.current !== null) return;
    attempt.current += 1;
    const thisAttempt = attempt.current;
    const isCurrent = () => mounted.current && attempt.current === thisAttempt;
    forgetRecording();
    setState({ status: 'starting' });
    setElapsedMs(0);
    void (async () => {
      let stream: MediaStream;
      try {
        if (navigator.mediaDevices?.getUserMedia === undefined || typeof MediaRecorder === 'undefined')
          throw new Error('unsupported');
        stream = await navigator.mediaDevices.getUserMedia({
          audio: { echoCancellation: false, noiseSuppression: true, autoGainControl: true },
        });
      } catch (caught) {
        if (isCurrent()) setState({ status: 'failed', message: microphoneProblem(caught) });
        return;
      }
      if (!isCurrent()) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      const context = new AudioContext();
      const analyser = context.createAnalyser();
      analyser.fftSize = 2048;
      context.createMediaStreamSource(stream).connect(analyser);
      const mimeType = preferredTypes.find((type) => MediaRecorder.isTypeSupported(type));
      const recorder = new MediaRecorder(stream, mimeType === undefined ? {} : { mimeType });
      const samples = new Float32Array(analyser.fftSize);
      const current: Session = {
        stream,
        context,
        recorder,
        chunks: [],
        startedAt: performance.now(),
        frame: 0,
        stopTimer: setTimeout(stop, maxMs),
      };
      session.current = current;
      let lastMeter = 0;
      const measure = (now: number) => {
        if (now - lastMeter >= meterIntervalMs) {
          lastMeter = now;
          analyser.getFloatTimeDomainData(samples);
          setLevel(levelOf(samples));
          setElapsedMs(now - current.startedAt);
        }
        current.frame = requestAnimationFrame(measure);
      };
      recorder.ondataavailable = (event) => {
        if (event.data.size > 0) current.chunks.push(event.data);
      };
      recorder.onstop = () => {
        const durationMs = performance.now() - current.startedAt;
        release(current);
        if (!isCurrent()) return;
        setLevel(0);
        setElapsedMs(durationMs);
        const blob = new Blob(current.chunks, { type: recorder.mimeType || 'audio/webm' });
        if (blob.size === 0) {
          setState({
            status: 'failed',
            message: 'Nothing was recorded. Check the microphone and try again.',
          });
          return;
        }
        recordedUrl.current = URL.createObjectURL(blob);
        setState({ status: 'recorded', blob, url: recordedUrl.current, durationMs });
      };
      recorder.start(250);
      current.frame = requestAnimationFrame(measure);
      setState({ status: 'recording' });
    })();
  }, [forgetRecording, maxMs, release, stop]);

  const discard = useCallback(() => {
    abandon();
    forgetRecording();
    setLevel(0);
    setElapsedMs(0);
    setState({ status: 'idle' });
  }, [abandon, forgetRecording]);

  return { state, level, elapsedMs, start, stop, discard };
}
