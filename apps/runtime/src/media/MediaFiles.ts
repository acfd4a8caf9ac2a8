import { type DirectSql, readAudioFile } from '@callflow/db';
import { AudioCache } from './AudioCache.ts';

/** An id the media listener serves: 64 lowercase hex characters (a sha256 hash, or a random token). */
export const mediaIdPattern = /^[0-9a-f]{64}$/;

/**
 * The audio the media listener serves, by id: speech rendered during calls (held only in memory, see
 * SpeechRenderer), else an `Audio` row's 8 kHz WAV, read from the database once and kept in a bounded
 * cache (audio is content-addressed and never changes). Requests for one id while it is being read
 * share the read.
 */
export class MediaFiles {
  readonly #library: AudioCache;
  readonly #reading = new Map<string, Promise<Buffer | undefined>>();

  constructor(
    private readonly sql: DirectSql,
    /** The call-time speech renderings (SpeechRenderer's cache). */
    private readonly speech: { get(id: string): Buffer | undefined },
    libraryCacheBytes: number,
  ) {
    this.#library = new AudioCache(libraryCacheBytes);
  }

  /** The file, or undefined when no audio has this id. Rejects when the database cannot be read. */
  async find(id: string): Promise<Buffer | undefined> {
    if (!mediaIdPattern.test(id)) return undefined;
    const held = this.speech.get(id) ?? this.#library.get(id);
    if (held !== undefined) return held;
    let reading = this.#reading.get(id);
    if (reading === undefined) {
      reading = readAudioFile(this.sql, id, 'wav').finally(() => this.#reading.delete(id));
      this.#reading.set(id, reading);
    }
    const file = await reading;
    if (file !== undefined) this.#library.set(id, file);
    return file;
  }

  /** Library audio held in memory now. */
  get cached(): { files: number; bytes: number } {
    return { files: this.#library.count, bytes: this.#library.bytes };
  }
}
