import type { RecordRequest } from '@callflow/flow/runtime';

/** A Record node's request as the channel gets it: a voicemail take. */
export const recordRequest: RecordRequest = {
  name: 'voicemail/take-1',
  format: 'wav',
  maxDurationSeconds: 30,
  maxSilenceSeconds: 3,
  beep: true,
  terminateOn: '#',
};
