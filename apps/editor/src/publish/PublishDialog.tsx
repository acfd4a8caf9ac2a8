import type { FlowDetail, PublishResponse } from '@callflow/contract';
import { useId, useState } from 'react';
import { flowsApi } from '../api/flowsApi.ts';
import { useApiData } from '../api/useApiData.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { FormField } from '../shell/FormField.tsx';
import { TextField } from '../shell/TextField.tsx';
import { useFormSubmit } from '../shell/useFormSubmit.ts';
import { PromptChanges } from './PromptChanges.tsx';

interface PublishDialogProps {
  readonly flow: FlowDetail;
  readonly hasErrors: boolean;
  /** Saves what is not saved yet and gives the draft's revision, which the version is made from. */
  saveDraft(): Promise<number>;
  /** The flow is live on the extension now: what shows its publications is out of date. */
  onPublished(): void;
  onClose(): void;
}

/**
 * Publishes the saved draft as a new version on an extension. Shows what answers that extension now
 * and asks before taking it over from another flow.
 */
export function PublishDialog({ flow, hasErrors, saveDraft, onPublished, onClose }: PublishDialogProps) {
  const [extension, setExtension] = useState(flow.publications[0]?.extension ?? '');
  const [note, setNote] = useState('');
  const [published, setPublished] = useState<PublishResponse | null>(null);
  const publications = useApiData((signal) => flowsApi.publications(signal), []);
  const extensionsListId = useId();
  const live = publications.data?.publications.find(
    (publication) => publication.extension === extension.trim(),
  );
  const takesOver = live !== undefined && live.flowId !== flow.id;

  const { submit, busy, error } = useFormSubmit(async () => {
    const revision = await saveDraft();
    setPublished(
      await flowsApi.publish(extension.trim(), { flowId: flow.id, note, revision, replace: takesOver }),
    );
    onPublished();
  });

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
        <TextField
          label="Extension"
          name="extension"
          value={extension}
          onChange={setExtension}
          placeholder="e.g. 7000"
          help="The number callers dial to reach this flow."
          error={extensionProblem}
          list={extensionsListId}
          autoComplete="off"
          autoFocus
        />
        {/* The extensions in use, offered as the person types: this flow's first, then the others. */}
        <datalist id={extensionsListId} data-testid="extensions-in-use">
          {[...(publications.data?.publications ?? [])]
            .sort((a, b) => Number(b.flowId === flow.id) - Number(a.flowId === flow.id))
            .map((publication) => (
              <option key={publication.extension} value={publication.extension}>
                {`“${publication.flowName}” version ${publication.version}`}
              </option>
            ))}
        </datalist>
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
        {live !== undefined && <PromptChanges flowId={flow.id} extension={extension} />}
        <FormField label="Note">
          {(control) => (
            <textarea
              {...control}
              className="textarea"
              name="note"
              value={note}
              maxLength={500}
              onChange={(event) => setNote(event.target.value)}
              placeholder="What changed (shown in the versions list)"
            />
          )}
        </FormField>
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
            {busy ? 'Publishing…' : takesOver ? 'Replace and publish' : 'Publish'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
