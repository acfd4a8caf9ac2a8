import type { PromptDetail } from '@callflow/contract';
import { Link } from 'wouter';
import type { ApiData } from '../api/useApiData.ts';
import { listed } from './listed.ts';

/**
 * Where a prompt is used: the flows whose drafts play it (to open and change), and the published
 * versions that pinned its audio, with the extensions where they are live.
 */
export function WhereUsed({ detail }: { detail: ApiData<PromptDetail | null> }) {
  const usage = detail.data?.usage;
  return (
    <section className="where-used" aria-label="Where it is used" aria-busy={detail.loading}>
      <h3 className="where-used__title">Where it is used</h3>
      {detail.error !== null && <p className="notice notice--error">{detail.error.message}</p>}
      {usage !== undefined && usage.drafts.length === 0 && usage.versions.length === 0 && (
        <p className="muted">No flow uses it.</p>
      )}
      {usage !== undefined && usage.drafts.length > 0 && (
        <>
          <p className="where-used__lead">Flows being edited that play it:</p>
          <ul className="where-used__list">
            {usage.drafts.map((draft) => (
              <li key={draft.flowId}>
                <Link href={`/flows/${draft.flowId}`}>{draft.flowName}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {usage !== undefined && usage.versions.length > 0 && (
        <>
          <p className="where-used__lead">Published versions that play it:</p>
          <ul className="where-used__list">
            {usage.versions.map((version) => (
              <li key={`${version.flowId}:${version.number}`}>
                <Link href={`/flows/${version.flowId}/versions/${version.number}`}>
                  {version.flowName} version {version.number}
                </Link>
                {version.liveOn.length > 0 && (
                  <span className="badge badge--success where-used__live">
                    live on {listed(version.liveOn)}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
