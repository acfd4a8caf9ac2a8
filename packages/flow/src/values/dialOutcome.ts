import { z } from 'zod';

/**
 * How a dial attempt ended, in the order the Dial node shows them as ports: `answered` once the callee
 * answered (and has hung up since), else why no one answered.
 */
export const dialOutcome = z.enum(['answered', 'busy', 'noanswer', 'unavailable', 'failed']);
export type DialOutcome = z.output<typeof dialOutcome>;
