import type { AriServerConfig } from '@callflow/ari';
import { AriClient } from '@callflow/ari';

/** One Asterisk server the API reads through ARI. */
export interface AriServer {
  /** The name the runtime logs its calls with (`Call.asteriskServer`); safe to show, unlike its credentials. */
  readonly name: string;
  readonly client: AriClient;
}

/**
 * The Asterisk servers the API is configured with (ARI_URL... or ARI_SERVERS), in configuration
 * order. Recordings exist on the server that made them, so they are read from that server by name;
 * sounds are read from the first that answers.
 */
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One replacement of `redact`: what to find, and what to put instead. */
interface Redaction {
  readonly pattern: RegExp;
  readonly replacement: string;
}

/** What of a server's settings must not leave the API: its URL, user name and password. */
function redactionsOf({ name, url, username, password }: AriServerConfig): Redaction[] {
  const { host } = new URL(url);
  // Not inside a longer word: the user `callflow` must not change the app name `callflow-100`.
  const word = (text: string) => new RegExp(`(?<![\\w.-])${escapeRegExp(text)}(?![\\w.-])`, 'g');
  return [
    // Any URL of the server, with or without credentials or a path. The scheme and the user part are
    // bounded: unbounded, every letter of a long word started a scan to its end (100,000 letters: 20 s).
    // A longer user part is still caught by the user name and password patterns below.
    {
      pattern: new RegExp(
        `[a-z][a-z0-9+.-]{0,31}://[^\\s/@]{0,256}@?${escapeRegExp(host)}[^\\s"'<>,;)]*`,
        'gi',
      ),
      replacement: `[ARI server ${name}]`,
    },
    ...(password.length >= 3
      ? [{ pattern: new RegExp(escapeRegExp(password), 'g'), replacement: '[ARI password]' }]
      : []),
    { pattern: word(username), replacement: '[ARI user]' },
    // The bare address, unless it is the server's name anyway.
    ...(host === name ? [] : [{ pattern: word(host), replacement: name }]),
  ];
}

export class AriServers {
  readonly list: readonly AriServer[];
  readonly #byName: ReadonlyMap<string, AriServer>;
  readonly #redactions: readonly Redaction[];

  constructor(configs: readonly AriServerConfig[]) {
    this.#redactions = configs.flatMap(redactionsOf);
    this.list = configs.map(({ name, url, username, password }) => ({
      name,
      client: new AriClient({ url, username, password }),
    }));
    this.#byName = new Map(this.list.map((server) => [server.name, server]));
  }

  /** No ARI at all: recordings and sounds answer 503. */
  static none(): AriServers {
    return new AriServers([]);
  }

  get names(): string[] {
    return this.list.map((server) => server.name);
  }

  find(name: string): AriServer | undefined {
    return this.#byName.get(name);
  }

  /**
   * `text` (e.g. an error a runtime wrote to the call log or the runtime events) without the URLs,
   * user names and passwords of the configured servers: a runtime's message may quote them, and
   * what the API answers reaches every viewer. A server's name stays (by default its host:port).
   */
  redact(text: string): string;
  redact(text: string | null): string | null;
  redact(text: string | null): string | null {
    if (text === null) return null;
    let redacted = text;
    for (const { pattern, replacement } of this.#redactions)
      redacted = redacted.replace(pattern, replacement);
    return redacted;
  }
}
