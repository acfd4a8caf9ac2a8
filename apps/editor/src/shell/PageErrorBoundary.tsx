import type { ReactNode } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { Link, useLocation } from 'wouter';
import { PageFailure } from './PageFailure.tsx';

/**
 * Around each page inside the app's frame: a page that fails to render (or whose code cannot be
 * loaded) shows a message with a way back while the navigation stays usable; going to another
 * address shows that page afresh.
 */
export function PageErrorBoundary({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  return (
    <ErrorBoundary
      resetKeys={[location]}
      fallbackRender={({ error }) => (
        <div className="page">
          <PageFailure
            error={error}
            backToFlows={
              <Link className="button button--primary" href="/flows">
                Back to flows
              </Link>
            }
          />
        </div>
      )}
    >
      {children}
    </ErrorBoundary>
  );
}
