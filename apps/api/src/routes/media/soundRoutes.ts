import { endpoints } from '@callflow/contract';
import { implement } from '../../http/implement.ts';
import { listSounds } from '../../services/sounds/soundList.ts';

export const soundRoutes = {
  listSounds: implement(endpoints.listSounds).with(async ({ query, services }) => ({
    status: 200,
    body: { sounds: await listSounds(services, query.language) },
  })),
};
