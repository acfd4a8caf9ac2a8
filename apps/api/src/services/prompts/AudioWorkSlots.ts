import { ApiError } from '../../http/ApiError.ts';

function cancelled(): ApiError {
  return new ApiError(499, 'cancelled', 'The request was cancelled before its audio was ready.');
}

/**
 * Bounds the audio work (ffmpeg conversions, speech renderings) the API runs at once: each takes a
 * core for up to tens of seconds, and anyone logged in may ask for a preview. `running` jobs run,
 * up to `waiting` more wait their turn in order, and beyond that a request is answered 503 at once
 * rather than queued without end. A job whose `signal` aborts (its client left) leaves the queue at
 * once, and one aborted by the time its turn comes does not start (no temp file, no process).
 */
export class AudioWorkSlots {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly limits: { readonly running: number; readonly waiting: number }) {}

  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw cancelled();
    if (this.active >= this.limits.running) {
      if (this.queue.length >= this.limits.waiting)
        throw new ApiError(
          503,
          'audio_busy',
          'The server is busy converting other audio; try again in a moment.',
        );
      await this.waitForTurn(signal);
    } else this.active++;
    try {
      if (signal?.aborted) throw cancelled();
      return await work();
    } finally {
      this.release();
    }
  }

  /** Waits in line for a slot (handed over by release), or leaves the line when `signal` aborts. */
  private waitForTurn(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const turn = () => {
        signal?.removeEventListener('abort', leave);
        resolve();
      };
      const leave = () => {
        const place = this.queue.indexOf(turn);
        if (place >= 0) this.queue.splice(place, 1);
        reject(cancelled());
      };
      this.queue.push(turn);
      signal?.addEventListener('abort', leave, { once: true });
    });
  }

  /** Hands the slot straight to the next in line, or frees it. */
  private release(): void {
    const next = this.queue.shift();
    if (next === undefined) this.active--;
    else next();
  }
}
