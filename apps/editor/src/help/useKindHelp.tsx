import type { NodeKind } from '@callflow/flow';
import { type ReactNode, useCallback, useState } from 'react';
import type { DraftNode } from '../canvas/DraftDocument.ts';
import { HelpPanel } from './HelpPanel.tsx';

interface OpenHelp {
  readonly kind: NodeKind;
  readonly node?: DraftNode | undefined;
}

/**
 * The help panel a part of the editor opens: `showHelp(kind)` (or for one node), and the panel to
 * render, null while closed. Each part holds its own, so none needs the page to pass it down.
 */
export function useKindHelp(): {
  showHelp: (kind: NodeKind, node?: DraftNode) => void;
  helpPanel: ReactNode;
} {
  const [open, setOpen] = useState<OpenHelp | null>(null);
  const showHelp = useCallback((kind: NodeKind, node?: DraftNode) => setOpen({ kind, node }), []);
  const helpPanel =
    open === null ? null : <HelpPanel kind={open.kind} node={open.node} onClose={() => setOpen(null)} />;
  return { showHelp, helpPanel };
}
