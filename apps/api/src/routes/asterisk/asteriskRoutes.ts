import { endpoints } from '@callflow/contract';
import { implement } from '../../http/implement.ts';
import { listAsteriskDeviceStates, listAsteriskEndpoints } from '../../services/asterisk/asteriskLists.ts';

export const asteriskRoutes = {
  listAsteriskEndpoints: implement(endpoints.listAsteriskEndpoints).with(async ({ services }) => ({
    status: 200,
    body: await listAsteriskEndpoints(services),
  })),
  listAsteriskDeviceStates: implement(endpoints.listAsteriskDeviceStates).with(async ({ services }) => ({
    status: 200,
    body: await listAsteriskDeviceStates(services),
  })),
};
