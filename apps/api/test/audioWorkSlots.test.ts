import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/http/ApiError.ts';
import { AudioWorkSlots } from '../src/services/prompts/AudioWorkSlots.ts';

/** A job that runs until `finish` is called. */
function heldJob() {
  let finish: () => void = () => {};
  const done = new Promise<string>((resolve) => {
    finish = () => resolve('done');
  });
  return { run: () => done, finish: () => finish() };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return error instanceof ApiError ? `${error.status} ${error.code}` : undefined;
}

describe('AudioWorkSlots', () => {
  it('gives a waiter whose client left its place in line, and never starts its work', async () => {
    const slots = new AudioWorkSlots({ running: 1, waiting: 1 });
    const first = heldJob();
    const running = slots.run(first.run);
    const left = new AbortController();
    let leftStarted = false;
    const waiting = slots.run(async () => {
      leftStarted = true;
      return 'never';
    }, left.signal);
    left.abort();
    expect(await codeOf(waiting)).toBe('499 cancelled');
    // Its place is free: the next one waits instead of being answered busy, and runs in turn.
    const next = slots.run(async () => 'next');
    first.finish();
    expect(await running).toBe('done');
    expect(await next).toBe('next');
    expect(leftStarted).toBe(false);
  });

  it('does not start work whose client left before it asked, and answers busy beyond the line', async () => {
    const slots = new AudioWorkSlots({ running: 1, waiting: 0 });
    const gone = new AbortController();
    gone.abort();
    let started = false;
    expect(
      await codeOf(
        slots.run(async () => {
          started = true;
        }, gone.signal),
      ),
    ).toBe('499 cancelled');
    expect(started).toBe(false);
    const first = heldJob();
    const running = slots.run(first.run);
    expect(await codeOf(slots.run(async () => 'late'))).toBe('503 audio_busy');
    first.finish();
    expect(await running).toBe('done');
  });
});
