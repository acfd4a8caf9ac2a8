import type { AriServer } from '../../ari/AriServers.ts';

/** Items read from every configured Asterisk server, merged, with the servers that did not answer. */
export interface ServerListAnswer<Item> {
  readonly items: readonly Item[];
  /** Names of the servers that failed: what only they have is missing from `items`. */
  readonly unansweredServers: readonly string[];
  /** More were found than `maxItems`; the first ones (in `merge`'s order) are kept. */
  readonly truncated: boolean;
}

export interface EveryServerListOptions<Read, Item> {
  /** Reads one server's items; throws (an AriError) when it cannot. */
  readonly read: (server: AriServer) => Promise<readonly Read[]>;
  /** One list out of every answering server's items, sorted as it is shown. */
  readonly merge: (
    answers: readonly { readonly server: string; readonly items: readonly Read[] }[],
  ) => Item[];
  readonly maxItems: number;
  /** How long an answer is served without asking Asterisk again; default 5 s. */
  readonly ttlMs?: number;
  /** The clock, in ms; tests move it. */
  readonly now?: () => number;
  /** Told of each server that failed (when none answers, the last server's error is also thrown). */
  readonly onFailed?: (server: AriServer, error: unknown) => void;
}

/**
 * A list read from every configured Asterisk server at once (each has its own phones), kept for a few
 * seconds: a picker asks as it opens, and several inspectors open at once share one request. Servers
 * that fail are named in the answer; only when none answers is it a failure (the last server's error),
 * and a failure is not kept, so the next caller asks again.
 */
export class EveryServerList<Read, Item> {
  readonly #servers: readonly [AriServer, ...AriServer[]];
  readonly #options: EveryServerListOptions<Read, Item>;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #cached: { readonly answer: ServerListAnswer<Item>; readonly fetchedAt: number } | undefined;
  #pending: Promise<ServerListAnswer<Item>> | undefined;

  constructor(servers: readonly [AriServer, ...AriServer[]], options: EveryServerListOptions<Read, Item>) {
    this.#servers = servers;
    this.#options = options;
    this.#ttlMs = options.ttlMs ?? 5000;
    this.#now = options.now ?? Date.now;
  }

  list(): Promise<ServerListAnswer<Item>> {
    const cached = this.#cached;
    if (cached !== undefined && this.#now() - cached.fetchedAt < this.#ttlMs)
      return Promise.resolve(cached.answer);
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #fetch(): Promise<ServerListAnswer<Item>> {
    const fetchedAt = this.#now();
    const settled = await Promise.allSettled(this.#servers.map((server) => this.#options.read(server)));
    const answers: { server: string; items: readonly Read[] }[] = [];
    const unansweredServers: string[] = [];
    let lastError: unknown;
    for (const [index, result] of settled.entries()) {
      const server = this.#servers[index];
      if (server === undefined) continue;
      if (result.status === 'fulfilled') answers.push({ server: server.name, items: result.value });
      else {
        unansweredServers.push(server.name);
        lastError = result.reason;
        this.#options.onFailed?.(server, result.reason);
      }
    }
    if (answers.length === 0) throw lastError;
    const merged = this.#options.merge(answers);
    const answer = {
      items: merged.slice(0, this.#options.maxItems),
      unansweredServers,
      truncated: merged.length > this.#options.maxItems,
    };
    this.#cached = { answer, fetchedAt };
    return answer;
  }
}
