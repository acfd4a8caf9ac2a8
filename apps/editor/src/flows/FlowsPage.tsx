import type { FlowSummary } from '@callflow/api/contract';
import { Copy, Download, Pencil, Plus, Search, Trash2, Upload } from 'lucide-react';
import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ApiError } from '../api/ApiError.ts';
import { flowsApi } from '../api/flowsApi.ts';
import { canEdit, useUser } from '../auth/SessionContext.tsx';
import { Dialog } from '../shell/Dialog.tsx';
import './flows.css';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const flowId =
        dialog.kind === 'create'
          ? (await flowsApi.create(name)).id
          : (await flowsApi.rename(dialog.flow.id, name)).id;
      onDone(flowId);
    } catch (caught) {
      setError(
        caught instanceof ApiError ? (caught.problemAt('body.name') ?? caught.message) : String(caught),
      );
      setBusy(false);
    }
  }
  return (
    <Dialog title={dialog.kind === 'create' ? 'New flow' : 'Rename the flow'} onClose={onClose}>
      <form onSubmit={submit}>
        <label className="field">
          <span className="field__label">Name</span>
          <input
            className="input"
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="e.g. Main menu"
            aria-invalid={error !== null}
            autoFocus
          />
          {error !== null && <span className="field__error">{error}</span>}
        </label>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {dialog.kind === 'create' ? 'Create' : 'Rename'}
          </button>
        </div>
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
  const [flows, setFlows] = useState<FlowSummary[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [nameDialog, setNameDialog] = useState<NameDialog | null>(null);
  const [deleting, setDeleting] = useState<FlowSummary | null>(null);
  const [generation, setGeneration] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation asks for a reload after a change.
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      flowsApi
        .list({ search }, controller.signal)
        .then((page) => {
          setFlows(page.flows);
          setNextCursor(page.nextCursor);
          setError(null);
        })
        .catch((caught: unknown) => {
          if (!controller.signal.aborted) setError(caught instanceof Error ? caught.message : String(caught));
        });
    }, 200);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [search, generation]);

  async function loadMore() {
    if (nextCursor === null) return;
    const page = await flowsApi.list({ search, cursor: nextCursor });
    setFlows((current) => [...(current ?? []), ...page.flows]);
    setNextCursor(page.nextCursor);
  }

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
      } else
        setError(
          `${file.name} cannot be imported: ${caught instanceof Error ? caught.message : String(caught)}`,
        );
    }
  }

  async function duplicate(flow: FlowSummary) {
    try {
      const copy = await flowsApi.duplicate(flow.id);
      setNotice(`Made “${copy.name}”.`);
      setGeneration((value) => value + 1);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }

  async function remove(flow: FlowSummary) {
    try {
      await flowsApi.remove(flow.id);
      setDeleting(null);
      setNotice(`Deleted “${flow.name}”.`);
      setGeneration((value) => value + 1);
    } catch (caught) {
      setDeleting(null);
      setError(caught instanceof Error ? caught.message : String(caught));
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
            <button type="button" className="button" onClick={() => fileInput.current?.click()}>
              <Upload size={14} /> Import
            </button>
            <input
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              className="visually-hidden"
              aria-label="Import a flow file"
              data-testid="import-input"
              onChange={(event) => void importFile(event)}
            />
            <button
              type="button"
              className="button button--primary"
              onClick={() => setNameDialog({ kind: 'create' })}
            >
              <Plus size={14} /> New flow
            </button>
          </>
        )}
      </div>
      {notice !== null && (
        <p className="notice flows-page__notice" role="status">
          {notice}
        </p>
      )}
      {error !== null && (
        <p className="notice notice--error flows-page__notice" role="alert">
          {error}
        </p>
      )}
      <div className="card">
        {flows === null ? (
          <div className="flows-page__placeholder" aria-busy="true" />
        ) : flows.length === 0 ? (
          <div className="empty-state">
            {search.trim() !== '' ? (
              <>
                <h2>No flow matches “{search.trim()}”</h2>
                <p>Try another name, or clear the search.</p>
              </>
            ) : (
              <>
                <h2>No flows yet</h2>
                <p>
                  A flow is what callers hear and press when they dial an extension.{' '}
                  {editable ? 'Create one, or import a flow file.' : 'Ask an editor to create one.'}
                </p>
                {editable && (
                  <button
                    type="button"
                    className="button button--primary"
                    onClick={() => setNameDialog({ kind: 'create' })}
                  >
                    <Plus size={14} /> Create your first flow
                  </button>
                )}
              </>
            )}
          </div>
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
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        aria-label={`Rename ${flow.name}`}
                        title="Rename"
                        onClick={() => setNameDialog({ kind: 'rename', flow })}
                      >
                        <Pencil size={14} />
                      </button>
                    )}
                    {editable && (
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        aria-label={`Duplicate ${flow.name}`}
                        title="Duplicate"
                        onClick={() => void duplicate(flow)}
                      >
                        <Copy size={14} />
                      </button>
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
                      <button
                        type="button"
                        className="button button--ghost button--small button--danger"
                        aria-label={`Delete ${flow.name}`}
                        title="Delete"
                        onClick={() => setDeleting(flow)}
                      >
                        <Trash2 size={14} />
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {nextCursor !== null && (
        <div className="flows-page__more">
          <button type="button" className="button" onClick={() => void loadMore()}>
            Show more
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
            else setGeneration((value) => value + 1);
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
