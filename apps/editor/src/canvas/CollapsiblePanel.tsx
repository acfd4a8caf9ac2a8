import { ChevronDown, ChevronLeft, ChevronRight, ChevronUp } from 'lucide-react';
import { type ReactNode, useCallback, useState } from 'react';
import './collapsiblePanel.css';

type Side = 'left' | 'right' | 'bottom';

interface CollapsiblePanelProps {
  /** Where the panel sits beside the canvas: it folds towards that edge. */
  readonly side: Side;
  /** What the panel is, in the person's words ("nodes", "settings", "problems"). */
  readonly name: string;
  /** Remembers the choice in this browser, per panel. */
  readonly storageKey: string;
  /** Shown on the folded strip instead of the panel (a side panel's name, written downwards). */
  readonly folded?: ReactNode;
  readonly children: ReactNode;
}

const storageKeyOf = (key: string) => `callflow.panel.${key}.collapsed`;

function readCollapsed(key: string): boolean {
  try {
    return localStorage.getItem(storageKeyOf(key)) === 'true';
  } catch {
    return false;
  }
}

// The arrow points where the panel goes when the button is pressed.
const icons: Record<Side, { fold: typeof ChevronLeft; unfold: typeof ChevronLeft }> = {
  left: { fold: ChevronLeft, unfold: ChevronRight },
  right: { fold: ChevronRight, unfold: ChevronLeft },
  bottom: { fold: ChevronDown, unfold: ChevronUp },
};

/**
 * A panel beside the canvas that folds away to give the canvas the room: a side panel to a narrow
 * strip, the bottom panel to its first line. The fold button sits on the border with the canvas, so
 * it never covers the panel's own buttons.
 */
export function CollapsiblePanel({ side, name, storageKey, folded, children }: CollapsiblePanelProps) {
  const [collapsed, setCollapsed] = useState(() => readCollapsed(storageKey));
  const toggle = useCallback(() => {
    setCollapsed((current) => {
      try {
        localStorage.setItem(storageKeyOf(storageKey), String(!current));
      } catch {
        // Storage full or blocked: the panel still folds, it is only not remembered.
      }
      return !current;
    });
  }, [storageKey]);
  const Icon = collapsed ? icons[side].unfold : icons[side].fold;
  const label = `${collapsed ? 'Show' : 'Hide'} ${name}`;
  return (
    <div
      className="collapsible"
      data-side={side}
      data-collapsed={collapsed}
      data-testid={`panel-${storageKey}`}
    >
      <button
        type="button"
        className="collapsible__toggle"
        aria-expanded={!collapsed}
        aria-label={label}
        title={label}
        onClick={toggle}
      >
        <Icon size={14} strokeWidth={2.5} aria-hidden="true" />
      </button>
      {collapsed && side !== 'bottom' ? (
        <div className="collapsible__strip">{folded ?? name}</div>
      ) : (
        <div className="collapsible__body">{children}</div>
      )}
    </div>
  );
}
