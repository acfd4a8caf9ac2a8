import { AriError } from '@callflow/ari';
import type { Sound } from '@callflow/contract';
import type { AriServers } from '../../ari/AriServers.ts';
import type { ApiServices } from '../../http/ApiServices.ts';
import { fromAriError } from '../../http/fromAriError.ts';
import { requireAri } from '../../http/requireAri.ts';
import { SoundCatalog } from './SoundCatalog.ts';

// One catalog per set of servers, i.e. per running API (the tests run several in one process).
const catalogs = new WeakMap<AriServers, SoundCatalog>();

function catalogOf(services: ApiServices): SoundCatalog {
  let catalog = catalogs.get(services.ari);
  if (catalog === undefined) {
    catalog = new SoundCatalog(requireAri(services, 'the sound list is read'), {
      onSkipped: (server, error) =>
        services.log('warn', 'cannot read the sound list from an Asterisk server; asking the next one', {
          server: server.name,
          ...(error instanceof AriError ? { kind: error.kind } : {}),
          reason: error instanceof Error ? error.message : String(error),
        }),
    });
    catalogs.set(services.ari, catalog);
  }
  return catalog;
}

/** The sounds Asterisk can play, by name, only those it has in `language` when one is given. */
export async function listSounds(services: ApiServices, language: string | undefined): Promise<Sound[]> {
  const sounds = await catalogOf(services)
    .list()
    .catch((error: unknown) => {
      // The catalog throws the error of the last server it asked.
      throw fromAriError(services, error, 'the sound list', services.ari.list.at(-1)?.name);
    });
  return language === undefined ? [...sounds] : sounds.filter((sound) => sound.languages.includes(language));
}
