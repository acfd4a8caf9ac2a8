import type { ReactNode } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { PageFailure } from './PageFailure.tsx';

/**
 * The last line around the whole app (the session, the login and the frame around pages): whatever
 * fails to render, the person sees what happened and a way back, never a blank page. The ways back
 * load the page anew, since what failed may be the app's own navigation.
 */
export function AppErrorBoundary({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary
      fallbackRender={({ error }) => (
        <main className="went-wrong-page">
          <PageFailure
            error={error}
            backToFlows={
              <a className="button button--primary" href="/flows">
                Back to flows
              </a>
            }
          />
        </main>
      )}
    >
      {children}
    </ErrorBoundary>
  );
}
