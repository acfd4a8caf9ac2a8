import { z } from 'zod';

/** The states Asterisk gives a device (`PUT /deviceStates/{name}?deviceState=`), as phones' lamps show them. */
export const deviceState = z.enum([
  'NOT_INUSE',
  'INUSE',
  'BUSY',
  'INVALID',
  'UNAVAILABLE',
  'RINGING',
  'RINGINUSE',
  'ONHOLD',
]);
export type DeviceState = z.output<typeof deviceState>;
