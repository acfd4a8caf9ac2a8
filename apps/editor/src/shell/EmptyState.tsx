import type { ReactNode } from 'react';

export interface EmptyStateProps {
  readonly title: string;
  /** What it means and what to do about it. */
  readonly children?: ReactNode;
  /** A button or link that does it. */
  readonly action?: ReactNode;
}

/** What a page or list shows instead of content it does not have: nothing yet, nothing found, an error. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      {children !== undefined && <p>{children}</p>}
      {action}
    </div>
  );
}
