import type { PublicationListItem, RuntimeStatusResponse } from '@callflow/contract';
import { Link } from 'wouter';
import { type ExtensionState, extensionStates } from './extensionStates.ts';

export interface ExtensionsAnsweringProps {
  readonly publications: readonly PublicationListItem[] | undefined;
  readonly status: RuntimeStatusResponse | undefined;
  readonly error: Error | null;
}

const stateBadges: Record<ExtensionState, { readonly tone: string; readonly text: string }> = {
  answering: { tone: 'badge--success', text: 'Answering' },
  starting: { tone: 'badge--warning', text: 'Starting' },
  not_answering: { tone: 'badge--danger', text: 'Not answering' },
};

/** Each published extension: the flow and version callers reach there, and whether it answers now. */
export function ExtensionsAnswering({ publications, status, error }: ExtensionsAnsweringProps) {
  return (
    <section className="card runtime-card" aria-labelledby="extensions-answering">
      <h2 id="extensions-answering">Extensions answering</h2>
      {publications === undefined ? (
        error === null ? (
          <span className="skeleton skeleton--block" aria-busy="true" />
        ) : (
          <p className="notice notice--error">Cannot read the published extensions: {error.message}</p>
        )
      ) : publications.length === 0 ? (
        <p className="muted">
          No extension answers yet: open a flow and press <strong>Publish</strong> to give it an extension.
        </p>
      ) : (
        <table className="table extensions-table">
          <thead>
            <tr>
              <th className="extensions-table__extension">Extension</th>
              <th>Flow</th>
              <th className="extensions-table__state">Now</th>
            </tr>
          </thead>
          <tbody>
            {extensionStates(publications, status).map(({ publication, state, reason }) => (
              <tr key={publication.extension} data-extension={publication.extension} data-state={state}>
                <td className="extensions-table__extension mono">{publication.extension}</td>
                <td>
                  <Link href={`/flows/${encodeURIComponent(publication.flowId)}`}>
                    {publication.flowName}
                  </Link>{' '}
                  <Link
                    className="muted small"
                    href={`/flows/${encodeURIComponent(publication.flowId)}/versions/${publication.version}`}
                  >
                    version {publication.version}
                  </Link>
                </td>
                <td className="extensions-table__state">
                  <span className={`badge ${stateBadges[state].tone}`}>{stateBadges[state].text}</span>
                  {reason !== '' && <span className="muted small extensions-table__reason">{reason}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
