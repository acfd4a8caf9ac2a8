import type { FlowDocument } from '../document/FlowDocument.ts';

/** The picture a starter's card shows: the editor maps each name to an icon. */
export type StarterIconName = 'clock' | 'voicemail' | 'wallet' | 'languages' | 'building';

/** A ready-made flow a new user picks on the first page, then adapts (words, choices, phones). */
export interface StarterFlow {
  /** Stable, for links and tests: `business-hours`. */
  readonly id: string;
  /** The card's title, and the new flow's suggested name. */
  readonly title: string;
  /** One line: what callers get, and what to adapt. */
  readonly description: string;
  readonly icon: StarterIconName;
  /** A complete flow: valid, with no warnings (a test proves it). */
  readonly document: FlowDocument;
}
