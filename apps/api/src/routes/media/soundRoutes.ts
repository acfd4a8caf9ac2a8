import { AriError } from '@callflow/ari';
import { errorSchema, soundListResponseSchema } from '@callflow/contract';
import { z } from 'zod';
import type { AriServers } from '../../ari/AriServers.ts';
import { type ApiServices, defineRoute } from '../../http/defineRoute.ts';
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

export const listSounds = defineRoute({
  method: 'get',
  path: '/sounds',
  summary:
    'The sounds Asterisk can play (for `sound:` prompts), by name, with their languages; read through ARI from the first configured server that answers (the servers of one deployment have the same sounds) and kept for 60 s',
  tag: 'media',
  access: 'viewer',
  query: z.object({
    language: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .describe('Only sounds Asterisk has in this language, e.g. `en` or `fr_CA`'),
  }),
  responses: { 200: soundListResponseSchema, 502: errorSchema, 503: errorSchema, 504: errorSchema },
  handler: async ({ query, services }) => {
    const sounds = await catalogOf(services)
      .list()
      .catch((error: unknown) => {
        // The catalog throws the error of the last server it asked.
        throw fromAriError(services, error, 'the sound list', services.ari.list.at(-1)?.name);
      });
    const { language } = query;
    return {
      status: 200,
      body: {
        sounds:
          language === undefined ? sounds : sounds.filter((sound) => sound.languages.includes(language)),
      },
    };
  },
});
