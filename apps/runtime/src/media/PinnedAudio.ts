import type { VersionAudioRow } from '@callflow/db';

/**
 * The audio a published version pinned when it was made (its VersionAudio rows): each library prompt's
 * recording per language, and each static text's rendering by speech key. Immutable, like the version.
 */
export class PinnedAudio {
  static readonly none = new PinnedAudio([]);

  /** Hash by language, by prompt id; languages in the rows' order (sorted). */
  readonly #prompts = new Map<string, Map<string, string>>();
  /** Hash by speech key. */
  readonly #speech = new Map<string, string>();

  constructor(rows: readonly VersionAudioRow[]) {
    for (const row of rows) {
      if (row.kind === 'speech') {
        this.#speech.set(row.key, row.audioHash);
        continue;
      }
      let languages = this.#prompts.get(row.key);
      if (languages === undefined) {
        languages = new Map();
        this.#prompts.set(row.key, languages);
      }
      languages.set(row.language, row.audioHash);
    }
  }

  /**
   * The hash of a library prompt's audio in `language`, else in `fallback` (the flow's default
   * language), else in the first language it has; undefined when the version pinned none.
   */
  prompt(promptId: string, language: string, fallback: string): string | undefined {
    const languages = this.#prompts.get(promptId);
    if (languages === undefined) return undefined;
    return languages.get(language) ?? languages.get(fallback) ?? languages.values().next().value;
  }

  /** The hash of the rendering pinned for this speech key, if the version pinned one. */
  speech(key: string): string | undefined {
    return this.#speech.get(key);
  }
}
