import type { ReactNode } from 'react';
import './logs.css';

export interface FilterBarProps {
  /** Names the bar for screen readers, e.g. "Filter calls". */
  readonly label: string;
  /** Some filter is set, so there is something to clear. */
  readonly active: boolean;
  readonly onClear: () => void;
  readonly children: ReactNode;
}

/** The filters above a log, with a button that clears them all. */
export function FilterBar({ label, active, onClear, children }: FilterBarProps) {
  return (
    <search className="filter-bar" aria-label={label}>
      {children}
      <button
        type="button"
        className="button button--ghost button--small filter-bar__clear"
        onClick={onClear}
        disabled={!active}
      >
        Clear filters
      </button>
    </search>
  );
}
