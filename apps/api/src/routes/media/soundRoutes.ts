import type { AriClient } from '@callflow/runtime/ari';
import { z } from 'zod';
import { errorSchema, soundListResponseSchema } from '../../contract/index.ts';
import { defineRoute } from '../../http/defineRoute.ts';
import { fromAriError } from '../../http/fromAriError.ts';
import { requireAri } from '../../http/requireAri.ts';
import { SoundCatalog } from './SoundCatalog.ts';

// One catalog per ARI client, i.e. per running API (the tests run several in one process).
const catalogs = new WeakMap<AriClient, SoundCatalog>();

function catalogOf(ari: AriClient): SoundCatalog {
  let catalog = catalogs.get(ari);
  if (catalog === undefined) {
    catalog = new SoundCatalog(ari);
    catalogs.set(ari, catalog);
  }
  return catalog;
}

export const listSounds = defineRoute({
  method: 'get',
  path: '/sounds',
  summary:
    'The sounds the connected Asterisk can play (for `sound:` prompts), by name, with their languages; read through ARI and kept for 60 s',
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
    const ari = requireAri(services, 'the sound list is read');
    const sounds = await catalogOf(ari)
      .list()
      .catch((error: unknown) => {
        throw fromAriError(services, error, 'the sound list');
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
