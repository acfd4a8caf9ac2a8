import type { FlowDetail, PublishResponse } from '@callflow/api/contract';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { flowsApi } from '../api/flowsApi.ts';
import { useApiData } from '../api/useApiData.ts';
import { Dialog } from '../shell/Dialog.tsx';

interface PublishDialogProps {
  readonly flow: FlowDetail;
  readonly hasErrors: boolean;
  /** Saves what is not saved yet and gives the draft's revision, which the version is made from. */
  saveDraft(): Promise<number>;
  onClose(): void;
}

/**
 * Publishes the saved draft as a new version on an extension. Shows what answers that extension now
 * and asks before taking it over from another flow.
 */
export function PublishDialog({ flow, hasErrors, saveDraft, onClose }: PublishDialogProps) {
  const [extension, setExtension] = useState(flow.publications[0]?.extension ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [published, setPublished] = useState<PublishResponse | null>(null);
  const publications = useApiData((signal) => flowsApi.publications(signal), []);
  const live = publications.data?.publications.find(
    (publication) => publication.extension === extension.trim(),
  );
  const takesOver = live !== undefined && live.flowId !== flow.id;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const revision = await saveDraft();
      setPublished(
        await flowsApi.publish(extension.trim(), { flowId: flow.id, note, revision, replace: takesOver }),
      );
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'unknown', String(caught)));
    } finally {
      setBusy(false);
    }
  }

  if (published !== null)
    return (
      <Dialog title="Published" onClose={onClose}>
        <p data-testid="publish-result">
          Version {published.version} of “{published.flowName}” now answers calls to extension{' '}
          <strong>{published.extension}</strong>.
          {published.previous !== null &&
            ` Before, it ran “${published.previous.flowName}” version ${published.previous.version}.`}
        </p>
        <p className="muted small">
          The runtime picks up the change within a second; calls already in progress finish on the version
          they started with.
        </p>
        <div className="dialog__actions">
          <button type="button" className="button button--primary" onClick={onClose}>
            Done
          </button>
        </div>
      </Dialog>
    );

  const extensionProblem = error?.problemAt('params.extension');
  return (
    <Dialog title="Publish to an extension" onClose={onClose}>
      <form onSubmit={submit}>
        <label className="field">
          <span className="field__label">Extension</span>
          <input
            className="input"
            name="extension"
            value={extension}
            onChange={(event) => setExtension(event.target.value)}
            placeholder="e.g. 7000"
            aria-invalid={extensionProblem !== undefined}
            autoFocus
          />
          <span className="field__help">The number callers dial to reach this flow.</span>
          {extensionProblem !== undefined && <span className="field__error">{extensionProblem}</span>}
        </label>
        <div className="publish-live" data-testid="publish-live">
          {extension.trim() === '' ? (
            <span className="muted small">Enter an extension to see what answers it now.</span>
          ) : live === undefined ? (
            <span className="small">Nothing answers {extension.trim()} now.</span>
          ) : (
            <span className={takesOver ? 'small warning-text' : 'small'}>
              Live on {live.extension} now: “{live.flowName}” version {live.version}
              {takesOver ? '. Publishing replaces it with this flow.' : '.'}
            </span>
          )}
        </div>
        <label className="field">
          <span className="field__label">Note</span>
          <textarea
            className="textarea"
            name="note"
            value={note}
            maxLength={500}
            onChange={(event) => setNote(event.target.value)}
            placeholder="What changed (shown in the versions list)"
          />
        </label>
        {hasErrors && (
          <p className="notice notice--error">The flow has errors: fix them in the problems panel first.</p>
        )}
        {error !== null && extensionProblem === undefined && (
          <p className="notice notice--error" role="alert">
            {error.message}
            {error.problems.map((problem) => (
              <span key={`${problem.path}:${problem.message}`} className="notice__line">
                {problem.message}
              </span>
            ))}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || hasErrors || extension.trim() === ''}
          >
            {busy ? 'Publishing…' : takesOver ? `Replace and publish` : 'Publish'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
