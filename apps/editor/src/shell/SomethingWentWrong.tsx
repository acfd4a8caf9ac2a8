import type { ReactNode } from 'react';
import { getErrorMessage } from 'react-error-boundary';

export interface SomethingWentWrongProps {
  /** What could not be shown, in the person's words: "this page", "the inspector". */
  readonly what: string;
  /** What still works and what to do. */
  readonly children: ReactNode;
  /** The ways back: buttons or links. */
  readonly actions: ReactNode;
  /** What was thrown: shown folded away, for a bug report. */
  readonly error: unknown;
  /** A panel's message is smaller than a page's. */
  readonly compact?: boolean;
}

/** What an error boundary shows instead of a part of the app that failed to render: never a blank page. */
export function SomethingWentWrong({
  what,
  children,
  actions,
  error,
  compact = false,
}: SomethingWentWrongProps) {
  const detail = getErrorMessage(error);
  return (
    <div className={compact ? 'went-wrong went-wrong--compact' : 'went-wrong'} role="alert">
      <h2>Something went wrong showing {what}.</h2>
      <p>{children}</p>
      <div className="went-wrong__actions">{actions}</div>
      {detail !== undefined && detail !== '' && (
        <details className="went-wrong__details">
          <summary>Details for a bug report</summary>
          <pre>{detail}</pre>
        </details>
      )}
    </div>
  );
}
