import { type ReactNode, useId } from 'react';
import './logs.css';

export type FilterFieldWidth = 'narrow' | 'medium' | 'wide';

export interface FilterFieldProps {
  readonly label: string;
  readonly width?: FilterFieldWidth | undefined;
  /** The control, given the id its label points at. */
  readonly children: (id: string) => ReactNode;
}

/** One labelled control of a filter bar, in one of the bar's column widths. */
export function FilterField({ label, width = 'narrow', children }: FilterFieldProps) {
  const id = useId();
  return (
    <div
      className={width === 'narrow' ? 'filter-bar__field' : `filter-bar__field filter-bar__field--${width}`}
    >
      <label htmlFor={id} className="filter-bar__label">
        {label}
      </label>
      {children(id)}
    </div>
  );
}
