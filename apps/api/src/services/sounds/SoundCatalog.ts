import type { Sound } from '@callflow/contract';
import { z } from 'zod';
import type { AriServer } from '../../ari/AriServers.ts';

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
  /** Told when a server fails and the next one is asked instead (the last failure is thrown). */
  readonly onSkipped?: (server: AriServer, error: unknown) => void;
}

const byName = (a: Sound, b: Sound): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The sounds Asterisk has, kept for a while: a prompt picker asks as the user types, and the list
 * (thousands of prompts on a stock install) rarely changes. The servers of one deployment are set up
 * alike and have the same sounds, so the list comes from the first server (in configuration order)
 * that answers, whichever server the flow's calls will land on. Callers that arrive while Asterisk is
 * being asked share that request. A failure is not kept, so the next caller asks again.
 */
export class SoundCatalog {
  readonly #servers: readonly [AriServer, ...AriServer[]];
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #onSkipped: (server: AriServer, error: unknown) => void;
  #cached: { readonly sounds: readonly Sound[]; readonly fetchedAt: number } | undefined;
  #pending: Promise<readonly Sound[]> | undefined;

  constructor(servers: readonly [AriServer, ...AriServer[]], options: SoundCatalogOptions = {}) {
    this.#servers = servers;
    this.#ttlMs = options.ttlMs ?? 60_000;
    this.#now = options.now ?? Date.now;
    this.#onSkipped = options.onSkipped ?? (() => {});
  }

  /**
   * Every sound, by name; throws the last server's AriError when no server can be asked or every one
   * answers nonsense.
   */
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
    const listed = await this.#firstAnswer();
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

  async #firstAnswer(): Promise<z.output<typeof ariSoundList>> {
    const servers = this.#servers;
    for (const [index, server] of servers.entries()) {
      try {
        return await server.client.request('GET', '/sounds', {}, ariSoundList);
      } catch (error) {
        if (index === servers.length - 1) throw error;
        this.#onSkipped(server, error);
      }
    }
    // Only reachable with no server, which the constructor's type rules out.
    throw new Error('SoundCatalog has no Asterisk server to ask');
  }
}
