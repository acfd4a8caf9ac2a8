import type { ReactNode } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { SomethingWentWrong } from './SomethingWentWrong.tsx';

export interface PanelErrorBoundaryProps {
  /** The panel, in the person's words: "the canvas", "the inspector", "this call". */
  readonly what: string;
  /** When one of these changes (another node selected, another call opened) the panel tries again. */
  readonly resetKeys?: readonly unknown[];
  readonly children: ReactNode;
}

/** Around one panel of a page: a panel that fails to render does not take the rest of the page down. */
export function PanelErrorBoundary({ what, resetKeys = [], children }: PanelErrorBoundaryProps) {
  return (
    <ErrorBoundary
      resetKeys={[...resetKeys]}
      fallbackRender={({ error, resetErrorBoundary }) => (
        <SomethingWentWrong
          what={what}
          error={error}
          compact
          actions={
            <button type="button" className="button button--small" onClick={resetErrorBoundary}>
              Try again
            </button>
          }
        >
          The rest of the page still works. Nothing you saved is lost.
        </SomethingWentWrong>
      )}
    >
      {children}
    </ErrorBoundary>
  );
}
