import { z } from 'zod';
import { errorSchema } from '../errorContract.ts';
import { soundListResponseSchema } from '../soundContract.ts';
import { defineEndpoint } from './Endpoint.ts';

/** What Asterisk can play (read through ARI), for the editor's pickers. */
export const mediaEndpoints = {
  listSounds: defineEndpoint({
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
    success: 200,
  }),
};
