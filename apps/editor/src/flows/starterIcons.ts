import type { StarterIconName } from '@callflow/flow';
import { Building2, Clock, Languages, type LucideIcon, Voicemail, Wallet } from 'lucide-react';

/** The picture of each starter's card. */
export const starterIcons = {
  clock: Clock,
  voicemail: Voicemail,
  wallet: Wallet,
  languages: Languages,
  building: Building2,
} satisfies Record<StarterIconName, LucideIcon>;
