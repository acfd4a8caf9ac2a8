import type { SecretView } from '@callflow/api/contract';
import { KeyRound, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { asError } from '../api/asError.ts';
import { useApiData } from '../api/useApiData.ts';
import { useUser } from '../auth/SessionContext.tsx';
import { Dialog } from '../shell/Dialog.tsx';
import { EmptyState } from '../shell/EmptyState.tsx';
import { IconButton } from '../shell/IconButton.tsx';
import { TextField } from '../shell/TextField.tsx';
import { useFormSubmit } from '../shell/useFormSubmit.ts';
import { secretsApi } from './secretsApi.ts';
import './secrets.css';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

type SecretDialog = { kind: 'create' } | { kind: 'replace'; secret: SecretView };

/**
 * Creating a secret, or replacing its value. The value is typed into a password field and sent; it is
 * never shown, and never read back (the server cannot return it).
 */
function SetSecretDialog({
  dialog,
  onClose,
  onDone,
}: {
  dialog: SecretDialog;
  onClose: () => void;
  onDone: (secret: SecretView) => void;
}) {
  const creating = dialog.kind === 'create';
  const [name, setName] = useState(creating ? '' : dialog.secret.name);
  const [description, setDescription] = useState(creating ? '' : dialog.secret.description);
  const [value, setValue] = useState('');
  const { submit, busy, error } = useFormSubmit(async () =>
    onDone(await secretsApi.set(name, value, description)),
  );
  const problem = (path: string) => (error === null ? undefined : error.problemAt(path));
  const nameProblem = problem('params.name');
  const valueProblem = problem('body.value');
  const descriptionProblem = problem('body.description');
  const otherProblem =
    error !== null &&
    nameProblem === undefined &&
    valueProblem === undefined &&
    descriptionProblem === undefined
      ? error.message
      : undefined;
  return (
    <Dialog title={creating ? 'New secret' : `Replace the value of ${dialog.secret.name}`} onClose={onClose}>
      <form onSubmit={submit} autoComplete="off">
        {creating && (
          <TextField
            label="Name"
            name="name"
            value={name}
            onChange={setName}
            placeholder="e.g. crm_token"
            help="Letters, digits and _. Flows use it as {{secrets.name}} in an HTTP lookup header."
            error={nameProblem}
            autoFocus
          />
        )}
        <TextField
          label="Description"
          name="description"
          value={description}
          onChange={setDescription}
          placeholder="e.g. CRM API token (production)"
          error={descriptionProblem}
        />
        <TextField
          label={creating ? 'Value' : 'New value'}
          name="secret-value"
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          value={value}
          onChange={setValue}
          help="Stored encrypted. Nobody can see it again, not even an admin: to change it, replace it."
          error={valueProblem}
          autoFocus={!creating}
        />
        {otherProblem !== undefined && (
          <p className="notice notice--error" role="alert">
            {otherProblem}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy || value === ''}>
            {creating ? 'Create' : 'Replace'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Admins' list of the credentials flows use in HTTP lookup headers: names and descriptions, never values. */
export function SecretsPage() {
  const user = useUser();
  const secrets = useApiData((signal) => secretsApi.list(signal), []);
  const [dialog, setDialog] = useState<SecretDialog | null>(null);
  const [deleting, setDeleting] = useState<SecretView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (user.role !== 'admin') {
    return (
      <div className="page secrets-page">
        <EmptyState title="Only admins manage secrets">
          Flows name secrets in HTTP lookup headers as {'{{secrets.name}}'}; ask an admin for the names.
        </EmptyState>
      </div>
    );
  }

  async function remove(secret: SecretView) {
    setDeleting(null);
    try {
      await secretsApi.remove(secret.name);
      setNotice(`Deleted ${secret.name}. HTTP lookups that use it now take their error outcome.`);
      secrets.reload();
    } catch (caught) {
      setError(asError(caught).message);
    }
  }

  const unavailable = secrets.error instanceof ApiError && secrets.error.status === 503;
  const problem = error ?? (secrets.error === null ? null : secrets.error.message);
  const items = secrets.data?.items ?? [];
  return (
    <div className="page secrets-page">
      <div className="page__header">
        <h1>Secrets</h1>
        <span className="spacer" />
        {!unavailable && (
          <IconButton
            icon={Plus}
            label="New secret"
            variant="primary"
            onClick={() => setDialog({ kind: 'create' })}
          />
        )}
      </div>
      <p className="secrets-page__intro">
        API tokens and passwords for HTTP lookups. A flow uses one in a header value, e.g.{' '}
        <code className="secrets-page__reference">Authorization: Bearer {'{{secrets.crm_token}}'}</code>.
        Values are stored encrypted and are never shown again, nor exported with flows.
      </p>
      {notice !== null && (
        <p className="notice secrets-page__notice" role="status">
          {notice}
        </p>
      )}
      {problem !== null && (
        <p className="notice notice--error secrets-page__notice" role="alert">
          {problem}
        </p>
      )}
      {!unavailable && (
        <div className="card" aria-busy={secrets.loading}>
          {items.length === 0 ? (
            secrets.loading ? null : (
              <EmptyState
                title="No secrets yet"
                action={
                  <IconButton
                    icon={Plus}
                    label="Add the first secret"
                    variant="primary"
                    onClick={() => setDialog({ kind: 'create' })}
                  />
                }
              >
                Add the token your CRM or other web service expects, then use it in an HTTP lookup header.
              </EmptyState>
            )
          ) : (
            <table className="table" data-testid="secrets-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Description</th>
                  <th>Changed</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {items.map((secret) => (
                  <tr key={secret.name}>
                    <td>
                      <code className="secrets-page__reference">{`{{secrets.${secret.name}}}`}</code>
                    </td>
                    <td>
                      {secret.description === '' ? (
                        <span className="muted small">—</span>
                      ) : (
                        secret.description
                      )}
                    </td>
                    <td className="small muted">
                      {dateTime.format(new Date(secret.updatedAt))} by {secret.updatedBy}
                    </td>
                    <td className="secrets-page__actions">
                      <IconButton
                        icon={KeyRound}
                        label={`Replace the value of ${secret.name}`}
                        iconOnly
                        variant="ghost"
                        small
                        title="Replace the value"
                        onClick={() => setDialog({ kind: 'replace', secret })}
                      />
                      <IconButton
                        icon={Trash2}
                        label={`Delete ${secret.name}`}
                        iconOnly
                        variant="ghost"
                        small
                        danger
                        title="Delete"
                        onClick={() => setDeleting(secret)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      {dialog !== null && (
        <SetSecretDialog
          dialog={dialog}
          onClose={() => setDialog(null)}
          onDone={(secret) => {
            setDialog(null);
            setError(null);
            setNotice(
              dialog.kind === 'create' ? `Created ${secret.name}.` : `Replaced the value of ${secret.name}.`,
            );
            secrets.reload();
          }}
        />
      )}
      {deleting !== null && (
        <Dialog title={`Delete ${deleting.name}?`} onClose={() => setDeleting(null)}>
          <p>
            Flows that use {`{{secrets.${deleting.name}}}`} keep the reference, but their HTTP lookups take
            the error outcome until a secret with this name exists again.
          </p>
          <div className="dialog__actions">
            <button type="button" className="button" onClick={() => setDeleting(null)}>
              Cancel
            </button>
            <button type="button" className="button button--primary" onClick={() => void remove(deleting)}>
              Delete
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

export default SecretsPage;
