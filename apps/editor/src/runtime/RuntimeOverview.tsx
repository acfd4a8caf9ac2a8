import type { RuntimeStatusResponse } from '@callflow/contract';
import { useMemo } from 'react';
import { flowsApi } from '../api/flowsApi.ts';
import { runtimeApi } from '../api/runtimeApi.ts';
import { useApiData } from '../api/useApiData.ts';
import { ExtensionsAnswering } from './ExtensionsAnswering.tsx';
import { PhoneSystemCards } from './PhoneSystemCards.tsx';
import { RecentProblems } from './RecentProblems.tsx';

export interface RuntimeOverviewProps {
  readonly status: RuntimeStatusResponse | undefined;
  readonly statusError: Error | null;
  readonly onShowLog: () => void;
}

/** How far back "recent" problems go. */
const RECENT_MS = 24 * 3600_000;
const PUBLICATIONS_POLL_MS = 5000;
const PROBLEMS_POLL_MS = 10_000;
/** Problems shown at most: the event log has the rest. */
const MAX_PROBLEMS = 8;

async function recentProblems(signal: AbortSignal) {
  const from = new Date(Date.now() - RECENT_MS).toISOString();
  const [errors, warnings] = await Promise.all(
    (['error', 'warn'] as const).map((level) =>
      runtimeApi.events({ level, from }, null, signal, MAX_PROBLEMS),
    ),
  );
  return [...(errors?.items ?? []), ...(warnings?.items ?? [])]
    .sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id)
    .slice(0, MAX_PROBLEMS);
}

/** The runtime tab for users: the phone system, the extensions that answer, what went wrong lately. */
export function RuntimeOverview({ status, statusError, onShowLog }: RuntimeOverviewProps) {
  const publications = useApiData((signal) => flowsApi.publications(signal), [], {
    refreshMs: PUBLICATIONS_POLL_MS,
  });
  const problems = useApiData(recentProblems, [], { refreshMs: PROBLEMS_POLL_MS });
  const flowNames = useMemo(
    () =>
      new Map((publications.data?.publications ?? []).map((item) => [item.flowId, item.flowName] as const)),
    [publications.data],
  );
  return (
    <div className="runtime-overview">
      <PhoneSystemCards status={status} error={statusError} />
      <div className="runtime-overview__columns">
        <ExtensionsAnswering
          publications={publications.data?.publications}
          status={status}
          error={publications.error}
        />
        <RecentProblems
          problems={problems.data}
          error={problems.error}
          flowNames={flowNames}
          onShowLog={onShowLog}
        />
      </div>
    </div>
  );
}
