import { z } from 'zod';

/** A dialed number a flow can be published to; the dialplan's `_X.` pattern needs two or more characters. */
export const extension = z
  .string()
  .regex(/^[0-9][0-9*#]{1,19}$/, 'use 2 to 20 digits (and * or #), starting with a digit, e.g. 6001');
