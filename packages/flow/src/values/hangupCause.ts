import { z } from 'zod';

/** The reasons a Hangup node may give the caller's phone (ARI's hangup `reason` names). */
export const hangupCause = z.enum(['normal', 'busy', 'congestion', 'no_answer', 'unallocated', 'rejected']);
export type HangupCause = z.output<typeof hangupCause>;
