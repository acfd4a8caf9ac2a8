import { asteriskDeviceStateListSchema, asteriskEndpointListSchema } from '../asteriskContract.ts';
import { errorSchema } from '../errorContract.ts';
import { defineEndpoint } from './Endpoint.ts';

/** What the Asterisk servers have that a flow names (phones to dial, device states), for the editor's pickers. */
export const asteriskEndpoints = {
  listAsteriskEndpoints: defineEndpoint({
    method: 'get',
    path: '/asterisk/endpoints',
    summary:
      'The endpoints (phones, trunks) of every configured Asterisk server, read through ARI and kept for 5 s: each with its dial string (PJSIP/1001), its state (online when any server has it online) and the servers that have it, at most 2000; servers that did not answer are named',
    tag: 'asterisk',
    access: 'editor',
    responses: { 200: asteriskEndpointListSchema, 502: errorSchema, 503: errorSchema, 504: errorSchema },
    success: 200,
  }),
  listAsteriskDeviceStates: defineEndpoint({
    method: 'get',
    path: '/asterisk/device-states',
    summary:
      'The custom device states (Stasis:<name>) of every configured Asterisk server, read through ARI and kept for 5 s, at most 2000; servers that did not answer are named',
    tag: 'asterisk',
    access: 'editor',
    responses: { 200: asteriskDeviceStateListSchema, 502: errorSchema, 503: errorSchema, 504: errorSchema },
    success: 200,
  }),
};
