import { accountLookup } from './accountLookup.ts';
import { afterHoursVoicemail } from './afterHoursVoicemail.ts';
import { businessHoursMenu } from './businessHoursMenu.ts';
import { companyMenu } from './companyMenu.ts';
import { languageChoice } from './languageChoice.ts';
import type { StarterFlow } from './StarterFlow.ts';

/** The starters the first page offers, in the order it shows them. */
export const starterFlows: readonly StarterFlow[] = [
  businessHoursMenu,
  afterHoursVoicemail,
  accountLookup,
  languageChoice,
  companyMenu,
];
