import type { FlowDetail, VersionSummary } from '@callflow/contract';
import { useState } from 'react';
import { Link } from 'wouter';
import { asError } from '../api/asError.ts';
import { flowsApi } from '../api/flowsApi.ts';
import { useApiData } from '../api/useApiData.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { EmptyState } from '../shell/EmptyState.tsx';
import './publish.css';

/** When a version was made, short enough for one line: "3 Dec 2026, 14:03" (in the viewer's words). */
const shortDateTime = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
/** The same instant in full, for the tooltip. */
const fullDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

/** The flow's published versions: view one read-only, download it, or put it back live on an extension. */
export function VersionsPanel({
  flow,
  readOnly,
  onRolledBack,
  onClose,
}: {
  flow: FlowDetail;
  readOnly: boolean;
  /** An extension runs another version now: what shows the flow's publications is out of date. */
  onRolledBack: () => void;
  onClose: () => void;
}) {
  const versions = useApiData((signal) => flowsApi.versions(flow.id, signal), [flow.id]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  /** The extensions that run a version newer than `version`: the ones it can roll back to it. */
  const newerOn = (version: VersionSummary) =>
    flow.publications
      .filter((publication) => publication.version > version.number)
      .map((publication) => publication.extension);

  async function rollback(version: VersionSummary, extension: string) {
    setMessage(null);
    try {
      const result = await flowsApi.rollback(extension, version.number);
      setMessage({
        kind: 'ok',
        text: `Extension ${extension} runs version ${result.version} again (it ran version ${result.previousVersion}).`,
      });
      versions.reload();
      onRolledBack();
    } catch (caught) {
      setMessage({ kind: 'error', text: asError(caught).message });
    }
  }

  return (
    <Dialog title={`Versions of “${flow.name}”`} onClose={onClose} wide>
      {message !== null && (
        <p className={message.kind === 'ok' ? 'notice' : 'notice notice--error'} role="status">
          {message.text}
        </p>
      )}
      {versions.error !== null && <p className="notice notice--error">{versions.error.message}</p>}
      {versions.data !== undefined && versions.data.versions.length === 0 && (
        <EmptyState title="No versions yet">
          Publishing the flow makes its first version. Versions never change once made.
        </EmptyState>
      )}
      {versions.data !== undefined && versions.data.versions.length > 0 && (
        <table className="table versions" data-testid="versions-table">
          <thead>
            <tr>
              <th>Version</th>
              <th>Made</th>
              <th>Note</th>
              <th>Live on</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {versions.data.versions.map((version) => (
              <tr key={version.id}>
                <td>
                  <strong>v{version.number}</strong>
                </td>
                <td className="small versions__made">
                  <time dateTime={version.createdAt} title={fullDateTime.format(new Date(version.createdAt))}>
                    {shortDateTime.format(new Date(version.createdAt))}
                  </time>
                  {version.author !== null && <div className="muted">by {version.author}</div>}
                </td>
                <td className="small versions__note">
                  {version.note === '' ? <span className="muted">—</span> : version.note}
                </td>
                <td>
                  {version.liveOn.map((extension) => (
                    <span key={extension} className="badge badge--success">
                      {extension}
                    </span>
                  ))}
                </td>
                <td className="versions__actions">
                  <Link
                    href={`/flows/${flow.id}/versions/${version.number}`}
                    className="button button--small"
                    onClick={onClose}
                  >
                    View
                  </Link>
                  <a
                    className="button button--small"
                    href={flowsApi.exportUrl(flow.id, version.number)}
                    download
                  >
                    Export
                  </a>
                  {!readOnly &&
                    newerOn(version).map((extension) => (
                      <button
                        key={extension}
                        type="button"
                        className="button button--small"
                        onClick={() => void rollback(version, extension)}
                      >
                        Roll {extension} back to v{version.number}
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
