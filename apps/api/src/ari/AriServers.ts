import { AriClient } from '@callflow/runtime/ari';
import type { AriServerConfig } from '@callflow/runtime/config';

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
export class AriServers {
  readonly list: readonly AriServer[];
  readonly #byName: ReadonlyMap<string, AriServer>;

  constructor(configs: readonly AriServerConfig[]) {
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
}
