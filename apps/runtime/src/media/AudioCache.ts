import { LRUCache } from 'lru-cache';

/**
 * Audio files by id, in memory, bounded by their total size in bytes: the least recently used go
 * first. A file larger than the whole bound is not kept at all.
 */
export class AudioCache {
  readonly #files: LRUCache<string, Buffer>;

  /** `onEvict`: an id left the cache (pushed out or replaced). */
  constructor(maxBytes: number, onEvict?: (id: string) => void) {
    this.#files = new LRUCache<string, Buffer>({
      maxSize: maxBytes,
      sizeCalculation: (file) => Math.max(1, file.byteLength),
      ...(onEvict === undefined ? {} : { dispose: (_file, id) => onEvict(id) }),
    });
  }

  get(id: string): Buffer | undefined {
    return this.#files.get(id);
  }

  /** False when the file is larger than the cache may hold (it is not kept). */
  set(id: string, file: Buffer): boolean {
    this.#files.set(id, file);
    return this.#files.has(id);
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.#files.calculatedSize;
  }

  get count(): number {
    return this.#files.size;
  }
}
