import { type SecretView, secretValueSchema } from '@callflow/contract';
import { secretName } from '@callflow/flow';
import { KeyRound, Plus, Trash2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
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
import { FormActions } from '../shell/FormActions.tsx';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

type SecretDialog = { kind: 'create' } | { kind: 'change'; secret: SecretView };

/** What was saved, for the notice above the list. */
type Saved = { secret: SecretView; what: 'created' | 'value' | 'description' };

/** The first problem zod finds in a value, or undefined when it fits. */
function problemOf(schema: typeof secretName | typeof secretValueSchema, value: string): string | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
}

/**
 * Creating a secret, or changing one: its description, its value, or both. The value is typed into a
 * password field and sent; it is never shown, and never read back (the server cannot return it).
 * Names and values are checked here first, so a mistake is explained before anything is sent.
 */
function SecretDialogForm({
  dialog,
  takenNames,
  onClose,
  onDone,
}: {
  dialog: SecretDialog;
  /** Names already in the store: creating one of them would silently replace its value. */
  takenNames: ReadonlySet<string>;
  onClose: () => void;
  onDone: (saved: Saved) => void;
}) {
  const creating = dialog.kind === 'create';
  const [name, setName] = useState(creating ? '' : dialog.secret.name);
  const [description, setDescription] = useState(creating ? '' : dialog.secret.description);
  const [value, setValue] = useState('');
  const [checked, setChecked] = useState<{ name?: string; value?: string }>({});
  const { submit, busy, error } = useFormSubmit(async () => {
    if (!creating && value === '') {
      if (description !== dialog.secret.description)
        onDone({ secret: await secretsApi.describe(name, description), what: 'description' });
      else onClose();
      return;
    }
    onDone({ secret: await secretsApi.set(name, value, description), what: creating ? 'created' : 'value' });
  });
  const serverProblem = (path: string) => (error === null ? undefined : error.problemAt(path));
  const nameProblem = checked.name ?? serverProblem('params.name');
  const valueProblem = checked.value ?? serverProblem('body.value');
  const descriptionProblem = serverProblem('body.description');
  const otherProblem =
    error !== null &&
    nameProblem === undefined &&
    valueProblem === undefined &&
    descriptionProblem === undefined
      ? error.message
      : undefined;

  function check(event: FormEvent) {
    const problems = {
      name: !creating
        ? undefined
        : takenNames.has(name)
          ? `${name} already exists: to give it a new value, use Change in its row`
          : problemOf(secretName, name),
      value: !creating && value === '' ? undefined : problemOf(secretValueSchema, value),
    };
    setChecked(problems);
    if (problems.name !== undefined || problems.value !== undefined) {
      event.preventDefault();
      return;
    }
    submit(event);
  }

  return (
    <Dialog title={creating ? 'New secret' : `Change ${dialog.secret.name}`} onClose={onClose}>
      <form onSubmit={check} autoComplete="off" noValidate>
        {creating && (
          <TextField
            label="Name"
            name="name"
            value={name}
            onChange={setName}
            placeholder="e.g. crm_token"
            help="Letters, digits and _ (no spaces). Flows use it as {{secrets.name}}."
            error={nameProblem}
            autoFocus
          />
        )}
        <TextField
          label="Description"
          name="description"
          value={description}
          onChange={setDescription}
          placeholder="e.g. CRM API key (production)"
          help="What it is for, so others know which service it belongs to."
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
          help={
            creating
              ? 'The password or API key itself. Once saved, nobody can see it again, not even an admin.'
              : 'Leave empty to keep the current value. Once saved, nobody can see it again, not even an admin.'
          }
          error={valueProblem}
          autoFocus={!creating}
        />
        <FormActions
          problem={otherProblem}
          submitLabel={creating ? 'Create' : 'Save'}
          disabled={busy}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}

const savedNotice: Record<Saved['what'], (name: string) => string> = {
  created: (name) => `Saved ${name}. Flows can now use it as {{secrets.${name}}}.`,
  value: (name) => `Saved the new value of ${name}. Calls use it from now on.`,
  description: (name) => `Saved the description of ${name}.`,
};

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
          Secrets are saved passwords and API keys for web lookups. Only an admin can add or change them; to
          use one in an HTTP lookup header, ask an admin for its name and write it as {'{{secrets.name}}'}.
        </EmptyState>
      </div>
    );
  }

  async function remove(secret: SecretView) {
    setDeleting(null);
    try {
      await secretsApi.remove(secret.name);
      setError(null);
      setNotice(`Deleted ${secret.name}. Web lookups that use it now fail until it is added again.`);
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
      <div className="secrets-page__intro">
        <p>
          Saved passwords and API keys for web lookups: the HTTP lookup step of a flow sends one to a service
          such as your CRM. Once saved, a value is kept encrypted and never shown again, not even to admins,
          and it is never included when a flow is exported.
        </p>
        <p>
          To use one, add a header to the HTTP lookup and write the secret's name in its value, for example{' '}
          <code className="secrets-page__reference">Authorization</code> with the value{' '}
          <code className="secrets-page__reference">Bearer {'{{secrets.crm_token}}'}</code>.
        </p>
      </div>
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
                Add the password or API key your CRM or other web service expects.
              </EmptyState>
            )
          ) : (
            <table className="table" data-testid="secrets-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Description</th>
                  <th>Use in a flow as</th>
                  <th>Last changed</th>
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((secret) => (
                  <tr key={secret.name}>
                    <td className="secrets-page__name">{secret.name}</td>
                    <td>
                      {secret.description === '' ? (
                        <span className="muted small">No description</span>
                      ) : (
                        secret.description
                      )}
                    </td>
                    <td>
                      <code className="secrets-page__reference">{`{{secrets.${secret.name}}}`}</code>
                    </td>
                    <td className="small muted">
                      {dateTime.format(new Date(secret.updatedAt))} by {secret.updatedBy}
                    </td>
                    <td className="secrets-page__actions">
                      <button
                        type="button"
                        className="button button--small button--ghost"
                        aria-label={`Change ${secret.name}`}
                        onClick={() => setDialog({ kind: 'change', secret })}
                      >
                        <KeyRound size={14} aria-hidden="true" />
                        Change
                      </button>
                      <button
                        type="button"
                        className="button button--small button--ghost button--danger"
                        aria-label={`Delete ${secret.name}`}
                        onClick={() => setDeleting(secret)}
                      >
                        <Trash2 size={14} aria-hidden="true" />
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      {dialog !== null && (
        <SecretDialogForm
          dialog={dialog}
          takenNames={new Set(items.map((secret) => secret.name))}
          onClose={() => setDialog(null)}
          onDone={({ secret, what }) => {
            setDialog(null);
            setError(null);
            setNotice(savedNotice[what](secret.name));
            secrets.reload();
          }}
        />
      )}
      {deleting !== null && (
        <Dialog title={`Delete ${deleting.name}?`} onClose={() => setDeleting(null)}>
          <p>
            The value is removed for good. Flows that use {`{{secrets.${deleting.name}}}`} keep it in their
            HTTP lookups, but those lookups fail (they take the error outcome) until a secret with this name
            is added again.
          </p>
          <div className="dialog__actions">
            <button type="button" className="button" onClick={() => setDeleting(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="button button--primary secrets-page__delete"
              onClick={() => void remove(deleting)}
            >
              Delete
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

export default SecretsPage;
