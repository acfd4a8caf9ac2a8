import { z } from 'zod';
import { errorBody } from './errorContract.ts';
import { flowName } from './flowContract.ts';

/**
 * What an import does when a flow already has the file's name: `refuse` (the default) answers 409
 * name_taken with a free name to suggest; `rename` imports under that free name ("Name (2)").
 */
export const onNameTaken = z.enum(['refuse', 'rename']);
export type OnNameTaken = z.output<typeof onNameTaken>;

/** POST /flows/import's query. */
export const importFlowQuery = z.object({
  name: z.string().max(1000).optional().describe('the new flow’s name (default: the file’s)'),
  onNameTaken: onNameTaken
    .default('refuse')
    .describe(
      'when a flow already has that name: refuse (409 name_taken with suggestedName) or rename (import as the suggested name)',
    ),
});

/** 409 name_taken: a flow already has `name`; `suggestedName` is free (the editor offers it). */
export const nameTakenBody = errorBody.extend({ name: z.string(), suggestedName: flowName });
export type NameTakenBody = z.output<typeof nameTakenBody>;
