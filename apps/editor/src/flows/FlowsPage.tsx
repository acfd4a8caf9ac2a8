import type { FlowSummary } from '@callflow/contract';
import { Copy, Download, Pencil, Plus, Search, Trash2, Upload } from 'lucide-react';
import { type ChangeEvent, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ApiError } from '../api/ApiError.ts';
import { asError } from '../api/asError.ts';
import { flowsApi } from '../api/flowsApi.ts';
import { type Page, usePagedList } from '../api/usePagedList.ts';
import { canEdit, useUser } from '../auth/SessionContext.tsx';
import { Dialog } from '../shell/Dialog.tsx';
import { EmptyState } from '../shell/EmptyState.tsx';
import { IconButton, type IconButtonProps } from '../shell/IconButton.tsx';
import { TextField } from '../shell/TextField.tsx';
import { useDebouncedValue } from '../shell/useDebouncedValue.ts';
import { useFormSubmit } from '../shell/useFormSubmit.ts';
import './flows.css';
import { FormActions } from '../shell/FormActions.tsx';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

async function fetchFlows(
  query: { search: string },
  cursor: string | null,
  signal: AbortSignal,
): Promise<Page<FlowSummary>> {
  const page = await flowsApi.list({ search: query.search, cursor: cursor ?? undefined }, signal);
  return { items: page.flows, nextCursor: page.nextCursor };
}

/** The buttons at the end of a flow's row: small icons, named for screen readers by the flow's name. */
const rowAction: Pick<IconButtonProps, 'iconOnly' | 'variant' | 'small'> = {
  iconOnly: true,
  variant: 'ghost',
  small: true,
};

type NameDialog = { kind: 'create' } | { kind: 'rename'; flow: FlowSummary };

function NameFlowDialog({
  dialog,
  onClose,
  onDone,
}: {
  dialog: NameDialog;
  onClose: () => void;
  onDone: (flowId: string) => void;
}) {
  const [name, setName] = useState(dialog.kind === 'rename' ? dialog.flow.name : '');
  const { submit, busy, error } = useFormSubmit(async () =>
    onDone(
      dialog.kind === 'create'
        ? (await flowsApi.create(name)).id
        : (await flowsApi.rename(dialog.flow.id, name)).id,
    ),
  );
  return (
    <Dialog title={dialog.kind === 'create' ? 'New flow' : 'Rename the flow'} onClose={onClose}>
      <form onSubmit={submit}>
        <TextField
          label="Name"
          name="name"
          value={name}
          onChange={setName}
          placeholder="e.g. Main menu"
          error={error === null ? undefined : (error.problemAt('body.name') ?? error.message)}
          autoFocus
        />
        <FormActions
          submitLabel={dialog.kind === 'create' ? 'Create' : 'Rename'}
          disabled={busy}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}

/** All flows: find, create, import, and each flow's rename, duplicate, export and delete. */
export function FlowsPage() {
  const user = useUser();
  const editable = canEdit(user);
  const [, navigate] = useLocation();
  const [search, setSearch] = useState('');
  const list = usePagedList({ search: useDebouncedValue(search, 200) }, { fetchPage: fetchFlows });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [nameDialog, setNameDialog] = useState<NameDialog | null>(null);
  const [deleting, setDeleting] = useState<FlowSummary | null>(null);
  const flows = list.items;
  // What went wrong last: an action on a flow, else loading the list.
  const problem = error ?? list.error?.message ?? null;
  const fileInput = useRef<HTMLInputElement>(null);

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    setNotice(null);
    setError(null);
    let content: unknown;
    try {
      content = JSON.parse(await file.text());
    } catch {
      setError(`${file.name} is not a JSON file: choose a file exported from Callflow.`);
      return;
    }
    try {
      const imported = await flowsApi.importFile(content);
      navigate(`/flows/${imported.flow.id}`);
    } catch (caught) {
      if (caught instanceof ApiError && caught.problems.length > 0) {
        const listed = caught.problems.slice(0, 5).map((problem) => `${problem.path}: ${problem.message}`);
        const more = caught.problems.length > 5 ? ` (and ${caught.problems.length - 5} more)` : '';
        setError(`${file.name} cannot be imported: ${listed.join('; ')}${more}`);
      } else setError(`${file.name} cannot be imported: ${asError(caught).message}`);
    }
  }

  async function duplicate(flow: FlowSummary) {
    try {
      const copy = await flowsApi.duplicate(flow.id);
      setNotice(`Made “${copy.name}”.`);
      list.reload();
    } catch (caught) {
      setError(asError(caught).message);
    }
  }

  async function remove(flow: FlowSummary) {
    try {
      await flowsApi.remove(flow.id);
      setDeleting(null);
      setNotice(`Deleted “${flow.name}”.`);
      list.reload();
    } catch (caught) {
      setDeleting(null);
      setError(asError(caught).message);
    }
  }

  return (
    <div className="page flows-page">
      <div className="page__header">
        <h1>Flows</h1>
        <label className="flows-page__search">
          <Search size={14} aria-hidden="true" />
          <input
            className="input"
            type="search"
            placeholder="Search flows"
            aria-label="Search flows"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </label>
        {editable && (
          <>
            <IconButton icon={Upload} label="Import" onClick={() => fileInput.current?.click()} />
            <input
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              className="visually-hidden"
              aria-label="Import a flow file"
              data-testid="import-input"
              onChange={(event) => void importFile(event)}
            />
            <IconButton
              icon={Plus}
              label="New flow"
              variant="primary"
              onClick={() => setNameDialog({ kind: 'create' })}
            />
          </>
        )}
      </div>
      {notice !== null && (
        <p className="notice flows-page__notice" role="status">
          {notice}
        </p>
      )}
      {problem !== null && (
        <p className="notice notice--error flows-page__notice" role="alert">
          {problem}
        </p>
      )}
      <div className="card" aria-busy={list.loading}>
        {list.loading && flows.length === 0 ? (
          <div className="flows-page__placeholder" aria-busy="true" />
        ) : flows.length === 0 ? (
          search.trim() !== '' ? (
            <EmptyState title={`No flow matches “${search.trim()}”`}>
              Try another name, or clear the search.
            </EmptyState>
          ) : (
            <EmptyState
              title="No flows yet"
              action={
                editable && (
                  <IconButton
                    icon={Plus}
                    label="Create your first flow"
                    variant="primary"
                    onClick={() => setNameDialog({ kind: 'create' })}
                  />
                )
              }
            >
              A flow is what callers hear and press when they dial an extension.{' '}
              {editable ? 'Create one, or import a flow file.' : 'Ask an editor to create one.'}
            </EmptyState>
          )
        ) : (
          <table className="table" data-testid="flows-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Live on</th>
                <th>Versions</th>
                <th>Changed</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {flows.map((flow) => (
                <tr key={flow.id}>
                  <td>
                    <Link href={`/flows/${flow.id}`} className="flows-page__name">
                      {flow.name}
                    </Link>
                  </td>
                  <td>
                    {flow.publications.length === 0 ? (
                      <span className="muted small">Not published</span>
                    ) : (
                      flow.publications.map((publication) => (
                        <span
                          key={publication.extension}
                          className="badge badge--success"
                          title={`version ${publication.version}`}
                        >
                          {publication.extension} · v{publication.version}
                        </span>
                      ))
                    )}
                  </td>
                  <td className="small">{flow.versionCount}</td>
                  <td className="small muted">{dateTime.format(new Date(flow.updatedAt))}</td>
                  <td className="flows-page__actions">
                    {editable && (
                      <IconButton
                        icon={Pencil}
                        label={`Rename ${flow.name}`}
                        {...rowAction}
                        title="Rename"
                        onClick={() => setNameDialog({ kind: 'rename', flow })}
                      />
                    )}
                    {editable && (
                      <IconButton
                        icon={Copy}
                        label={`Duplicate ${flow.name}`}
                        {...rowAction}
                        title="Duplicate"
                        onClick={() => void duplicate(flow)}
                      />
                    )}
                    <a
                      className="button button--ghost button--small"
                      href={flowsApi.exportUrl(flow.id)}
                      download
                      aria-label={`Export ${flow.name}`}
                      title="Export as a JSON file"
                    >
                      <Download size={14} />
                    </a>
                    {editable && (
                      <IconButton
                        icon={Trash2}
                        label={`Delete ${flow.name}`}
                        {...rowAction}
                        danger
                        title="Delete"
                        onClick={() => setDeleting(flow)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {list.hasMore && !list.loading && (
        <div className="flows-page__more">
          <button type="button" className="button" onClick={list.loadMore} disabled={list.loadingMore}>
            {list.loadingMore ? 'Loading…' : 'Show more'}
          </button>
        </div>
      )}
      {nameDialog !== null && (
        <NameFlowDialog
          dialog={nameDialog}
          onClose={() => setNameDialog(null)}
          onDone={(flowId) => {
            const created = nameDialog.kind === 'create';
            setNameDialog(null);
            if (created) navigate(`/flows/${flowId}`);
            else list.reload();
          }}
        />
      )}
      {deleting !== null && (
        <Dialog title={`Delete “${deleting.name}”?`} onClose={() => setDeleting(null)}>
          <p>
            The flow, its draft and all its versions are deleted. Calls already logged stay in the call log.
            {deleting.publications.length > 0 &&
              ` It is live on ${deleting.publications.map((publication) => publication.extension).join(', ')}: unpublish it first.`}
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

export default FlowsPage;
