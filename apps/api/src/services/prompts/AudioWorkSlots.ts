import { ApiError } from '../../http/ApiError.ts';

/**
 * Bounds the audio work (ffmpeg conversions, speech renderings) the API runs at once: each takes a
 * core for up to tens of seconds, and anyone logged in may ask for a preview. `running` jobs run,
 * up to `waiting` more wait their turn in order, and beyond that a request is answered 503 at once
 * rather than queued without end.
 */
export class AudioWorkSlots {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly limits: { readonly running: number; readonly waiting: number }) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limits.running) {
      if (this.queue.length >= this.limits.waiting)
        throw new ApiError(
          503,
          'audio_busy',
          'The server is busy converting other audio; try again in a moment.',
        );
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else this.active++;
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, or free it.
      const next = this.queue.shift();
      if (next === undefined) this.active--;
      else next();
    }
  }
}
