import type { AriClient } from '@callflow/runtime/ari';
import { z } from 'zod';
import type { Sound } from '../../contract/index.ts';

/** ARI's `Sound` (GET /ari/sounds); `text` is left out when Asterisk's sound index has no description. */
const ariSoundList = z.array(
  z.object({
    id: z.string(),
    text: z.string().optional(),
    formats: z.array(z.object({ language: z.string(), format: z.string() })),
  }),
);

export interface SoundCatalogOptions {
  /** How long a list is served without asking Asterisk again; default 60 s. */
  readonly ttlMs?: number;
  /** The clock, in ms; tests move it. */
  readonly now?: () => number;
}

const byName = (a: Sound, b: Sound): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The sounds one Asterisk has, kept for a while: a prompt picker asks as the user types, and the list
 * (thousands of prompts on a stock install) rarely changes. Callers that arrive while Asterisk is being
 * asked share that request. A failure is not kept, so the next caller asks again.
 */
export class SoundCatalog {
  readonly #ari: AriClient;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #cached: { readonly sounds: readonly Sound[]; readonly fetchedAt: number } | undefined;
  #pending: Promise<readonly Sound[]> | undefined;

  constructor(ari: AriClient, options: SoundCatalogOptions = {}) {
    this.#ari = ari;
    this.#ttlMs = options.ttlMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** Every sound, by name; throws the AriError when Asterisk cannot be asked or answers nonsense. */
  list(): Promise<readonly Sound[]> {
    const cached = this.#cached;
    if (cached !== undefined && this.#now() - cached.fetchedAt < this.#ttlMs) {
      return Promise.resolve(cached.sounds);
    }
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #fetch(): Promise<readonly Sound[]> {
    const fetchedAt = this.#now();
    const listed = await this.#ari.request('GET', '/sounds', {}, ariSoundList);
    const sounds = listed
      .map((sound) => ({
        name: sound.id,
        text: sound.text === undefined || sound.text === '' ? null : sound.text,
        // One entry per language and format (`en` gsm, `en` ulaw...): each language once.
        languages: [...new Set(sound.formats.map((format) => format.language))].sort(),
      }))
      .sort(byName);
    this.#cached = { sounds, fetchedAt };
    return sounds;
  }
}
