import { AriClient } from '../AriClient.ts';
import { FakeAriServer } from './FakeAriServer.ts';

/** A started fake Asterisk and a REST client with its credentials. */
export async function openFakeAriClient(): Promise<{ server: FakeAriServer; client: AriClient }> {
  const server = new FakeAriServer();
  await server.start();
  return {
    server,
    client: new AriClient({ url: server.url, username: server.username, password: server.password }),
  };
}
