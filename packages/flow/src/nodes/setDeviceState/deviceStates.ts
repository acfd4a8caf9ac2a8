import { z } from 'zod';

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
