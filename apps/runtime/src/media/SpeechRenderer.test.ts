import { CallEndedError, type SpeechRequest, StepFailure } from '@callflow/flow/runtime';
import { describe, expect, it } from 'vitest';
import { SpeechRenderer, type SpeechRendererOptions, type SpeechSource } from './SpeechRenderer.ts';

const balance = (amount: string): SpeechRequest => ({
  text: `Your balance is ${amount} dollars`,
  language: 'en',
  voice: null,
});

interface Render {
  request: SpeechRequest;
  signal: AbortSignal;
  finish(bytes?: Buffer): void;
  fail(error: Error): void;
}

/**
 * A renderer whose renderings finish when the test says (or at once with `immediate`); a cancelled one
 * fails at once, or `exitsAfterMs` later (an engine process still exiting).
 */
function renderer(
  options: Partial<SpeechRendererOptions> & { immediate?: boolean; exitsAfterMs?: number } = {},
) {
  const renders: Render[] = [];
  const counted: SpeechSource[] = [];
  const speech = new SpeechRenderer({
    keyOf: (request) => JSON.stringify(request),
    render: (request, signal) =>
      new Promise((resolve, reject) => {
        const finish = (bytes = Buffer.from(request.text)) => resolve({ narrowband: bytes });
        renders.push({ request, signal, finish, fail: reject });
        const killed = () => reject(new Error('killed'));
        const { exitsAfterMs } = options;
        signal.addEventListener('abort', () => (exitsAfterMs ? setTimeout(killed, exitsAfterMs) : killed()), {
          once: true,
        });
        if (options.immediate) finish();
      }),
    cacheBytes: 1024,
    timeoutMs: 5000,
    concurrency: 4,
    counted: (source) => counted.push(source),
    ...options,
  });
  return { speech, renders, counted };
}

const call = (signal = new AbortController().signal) => ({ signal, channelId: 'c1' });
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('SpeechRenderer', () => {
  it('renders a text once: a later call gets the same id from the cache without rendering again', async () => {
    const { speech, renders, counted } = renderer({ immediate: true });
    const first = await speech.idOf(balance('12'), call());
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(speech.get(first)?.toString()).toBe('Your balance is 12 dollars');
    expect(await speech.idOf(balance('12'), call())).toBe(first);
    expect(renders).toHaveLength(1);
    const other = await speech.idOf(balance('13'), call());
    expect(other).not.toBe(first);
    expect(renders).toHaveLength(2);
    expect(counted).toEqual(['rendered', 'cache', 'rendered']);
  });

  it('gives each rendering a random id, not one derived from what was said', async () => {
    const a = renderer({ immediate: true });
    const b = renderer({ immediate: true });
    expect(await a.speech.idOf(balance('12'), call())).not.toBe(await b.speech.idOf(balance('12'), call()));
  });

  it('lets calls asking for the same text at once share one rendering', async () => {
    const { speech, renders } = renderer();
    const both = Promise.all([speech.idOf(balance('5'), call()), speech.idOf(balance('5'), call())]);
    await tick();
    expect(renders).toHaveLength(1);
    renders[0]?.finish();
    const [a, b] = await both;
    expect(a).toBe(b);
  });

  it('a hangup during rendering cancels it and leaves nothing behind', async () => {
    const { speech, renders, counted } = renderer();
    const hangup = new AbortController();
    const waiting = speech.idOf(balance('7'), call(hangup.signal));
    await tick();
    expect(renders).toHaveLength(1);
    hangup.abort('caller hung up');
    await expect(waiting).rejects.toBeInstanceOf(CallEndedError);
    expect(renders[0]?.signal.aborted).toBe(true);
    expect(speech.cached).toEqual({ files: 0, bytes: 0 });
    expect(counted).toEqual([]);
    // Nothing half-done is reused: the next call renders anew.
    const again = speech.idOf(balance('7'), call());
    await tick();
    expect(renders).toHaveLength(2);
    renders[1]?.finish();
    expect(speech.get(await again)).toBeDefined();
  });

  it('a call asking for a text whose rendering is being cancelled (every caller hung up) gets a new rendering, never the cancellation', async () => {
    // The cancelled engine settles one tick after its abort, as a killed child process does.
    const { speech, renders } = renderer({ exitsAfterMs: 1 });
    const hangup = new AbortController();
    const leaving = speech.idOf(balance('3'), call(hangup.signal));
    await tick();
    hangup.abort('caller hung up');
    await expect(leaving).rejects.toBeInstanceOf(CallEndedError);
    expect(renders[0]?.signal.aborted).toBe(true);
    // The cancelled engine has not exited yet when the next call asks for the same text.
    const joining = speech.idOf(balance('3'), call());
    await tick();
    expect(renders).toHaveLength(2);
    expect(renders[1]?.signal.aborted).toBe(false);
    renders[1]?.finish();
    expect(speech.get(await joining)?.toString()).toBe('Your balance is 3 dollars');
  });

  it('keeps rendering while one of the calls waiting for it is still there', async () => {
    const { speech, renders } = renderer();
    const gone = new AbortController();
    const left = speech.idOf(balance('8'), call(gone.signal));
    const staying = speech.idOf(balance('8'), call());
    await tick();
    gone.abort();
    await expect(left).rejects.toBeInstanceOf(CallEndedError);
    expect(renders[0]?.signal.aborted).toBe(false);
    renders[0]?.finish();
    expect(speech.get(await staying)).toBeDefined();
  });

  it('a call that has already hung up renders nothing', async () => {
    const { speech, renders } = renderer({ immediate: true });
    const hungUp = new AbortController();
    hungUp.abort();
    await expect(speech.idOf(balance('1'), call(hungUp.signal))).rejects.toBeInstanceOf(CallEndedError);
    expect(renders).toHaveLength(0);
  });

  it('gives up after the timeout with a StepFailure, cancelling the engine', async () => {
    const { speech, renders, counted } = renderer({ timeoutMs: 100 });
    await expect(speech.idOf(balance('9'), call())).rejects.toThrow(
      new StepFailure('text-to-speech took longer than 100 ms'),
    );
    expect(renders[0]?.signal.aborted).toBe(true);
    expect(speech.cached.files).toBe(0);
    expect(counted).toEqual(['failed']);
  });

  it('turns an engine failure into a StepFailure saying why', async () => {
    const { speech, renders, counted } = renderer();
    const waiting = speech.idOf(balance('2'), call());
    await tick();
    renders[0]?.fail(new Error('The speech engine espeak-ng is not installed.'));
    await expect(waiting).rejects.toThrow(
      new StepFailure('text-to-speech failed: The speech engine espeak-ng is not installed.'),
    );
    expect(counted).toEqual(['failed']);
  });

  it('runs at most `concurrency` renderings at once; the others wait their turn', async () => {
    const { speech, renders } = renderer({ concurrency: 2 });
    const waiting = ['1', '2', '3'].map((amount) => speech.idOf(balance(amount), call()));
    await tick();
    expect(renders).toHaveLength(2);
    renders[0]?.finish();
    await tick();
    expect(renders).toHaveLength(3);
    renders[1]?.finish();
    renders[2]?.finish();
    expect(new Set(await Promise.all(waiting)).size).toBe(3);
  });

  it('keeps at most `cacheBytes` of audio: the least recently used rendering goes, and is rendered again when asked for', async () => {
    const { speech, renders } = renderer({ immediate: true, cacheBytes: 100 });
    const fortyBytes = (amount: string) => ({ ...balance(amount), text: amount.padEnd(40, '.') });
    const a = await speech.idOf(fortyBytes('a'), call());
    const b = await speech.idOf(fortyBytes('b'), call());
    expect(speech.cached).toEqual({ files: 2, bytes: 80 });
    await speech.idOf(fortyBytes('c'), call());
    expect(speech.cached).toEqual({ files: 2, bytes: 80 });
    expect(speech.get(a)).toBeUndefined();
    expect(speech.get(b)).toBeDefined();
    const aAgain = await speech.idOf(fortyBytes('a'), call());
    expect(aAgain).not.toBe(a);
    expect(renders).toHaveLength(4);
  });

  it('refuses a rendering larger than the whole cache, saying so', async () => {
    const { speech } = renderer({ immediate: true, cacheBytes: 10 });
    await expect(speech.idOf(balance('1000000'), call())).rejects.toThrow(
      'the spoken text is longer than the speech cache can hold',
    );
  });
});
