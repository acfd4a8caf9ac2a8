import type { ReactNode } from 'react';
import { SomethingWentWrong } from './SomethingWentWrong.tsx';

/**
 * What a whole page shows when it failed to render: the message and the two ways back. `backToFlows`
 * is the link, which differs with where the page failed (inside the app's router or around it).
 */
export function PageFailure({ error, backToFlows }: { error: unknown; backToFlows: ReactNode }) {
  return (
    <SomethingWentWrong
      what="this page"
      error={error}
      actions={
        <>
          {backToFlows}
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </>
      }
    >
      Callflow ran into a problem it did not expect. Nothing you saved is lost: go back to the flows, or
      reload the page.
    </SomethingWentWrong>
  );
}
