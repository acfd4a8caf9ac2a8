import type { ReactNode } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { Link, useLocation } from 'wouter';
import { SomethingWentWrong } from './SomethingWentWrong.tsx';

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
          <SomethingWentWrong
            what="this page"
            error={error}
            actions={
              <>
                <Link className="button button--primary" href="/flows">
                  Back to flows
                </Link>
                <button type="button" className="button" onClick={() => window.location.reload()}>
                  Reload
                </button>
              </>
            }
          >
            Callflow ran into a problem it did not expect. Nothing you saved is lost: go back to the flows, or
            reload the page.
          </SomethingWentWrong>
        </div>
      )}
    >
      {children}
    </ErrorBoundary>
  );
}
