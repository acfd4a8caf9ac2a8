import type { FlowProblem } from '@callflow/flow';
import { createContext, useContext } from 'react';
import type { SoundCatalog } from './useSoundCatalog.ts';

/** What every control of one inspector shares, however deep in the options it sits. */
export interface InspectorContextValue {
  readonly readOnly: boolean;
  /** Variables that may exist when a call reaches the node, e.g. `caller.number`. */
  readonly variables: readonly string[];
  /** Problems to show at a field, by its path from the node, e.g. `options.choices.1.digit`. */
  readonly problemsAt: (path: string) => readonly FlowProblem[];
  readonly sounds: SoundCatalog;
  readonly loadSounds: () => void;
  /** The flow's default language (its Start node's), e.g. `en`. */
  readonly flowLanguage: string;
  /** The language this node's prompts are heard in when previewed: its own, else the flow's. */
  readonly nodeLanguage: string;
}

export const InspectorContext = createContext<InspectorContextValue>({
  readOnly: true,
  variables: [],
  problemsAt: () => [],
  sounds: { status: 'idle' },
  loadSounds: () => {},
  flowLanguage: 'en',
  nodeLanguage: 'en',
});

export function useInspector(): InspectorContextValue {
  return useContext(InspectorContext);
}
