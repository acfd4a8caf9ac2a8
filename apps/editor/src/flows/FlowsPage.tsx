import type { FlowSummary } from '@callflow/contract';
import type { StarterFlow } from '@callflow/flow';
import { LayoutTemplate, Plus, Search, Upload } from 'lucide-react';
import { useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { asError } from '../api/asError.ts';
import { flowsApi } from '../api/flowsApi.ts';
import { type Page, usePagedList } from '../api/usePagedList.ts';
import { canEdit, useUser } from '../auth/SessionContext.tsx';
import { Dialog } from '../shell/Dialog.tsx';
import { EmptyState } from '../shell/EmptyState.tsx';
import { IconButton } from '../shell/IconButton.tsx';
import { useDebouncedValue } from '../shell/useDebouncedValue.ts';
import { FlowRowActions } from './FlowRowActions.tsx';
import { GettingStarted } from './GettingStarted.tsx';
import { ImportNameTakenDialog } from './ImportNameTakenDialog.tsx';
import { type NameDialog, NameFlowDialog } from './NameFlowDialog.tsx';
import { StarterGallery } from './StarterGallery.tsx';
import { useFlowImport } from './useFlowImport.ts';
import './flows.css';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

async function fetchFlows(
  query: { search: string },
  cursor: string | null,
  signal: AbortSignal,
): Promise<Page<FlowSummary>> {
  const page = await flowsApi.list({ search: query.search, cursor: cursor ?? undefined }, signal);
  return { items: page.flows, nextCursor: page.nextCursor };
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

  const flowImport = useFlowImport({
    open: (flowId) => navigate(`/flows/${flowId}`),
    setError: (message) => {
      setNotice(null);
      setError(message);
    },
  });
  const { clash } = flowImport;
  const [galleryOpen, setGalleryOpen] = useState(false);
  /** From the gallery: name the new flow (the starter's title first). */
  const pickStarter = (starter: StarterFlow | null) => {
    setGalleryOpen(false);
    setNameDialog({ kind: 'create', starter });
  };
  // Nothing yet, and nothing searched: the first page (what Callflow does, the starters).
  const firstPage = !list.loading && flows.length === 0 && search.trim() === '' && list.error === null;

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
              onChange={(event) => void flowImport.chooseFile(event)}
            />
            {!firstPage && (
              <IconButton
                icon={LayoutTemplate}
                label="New from starter"
                onClick={() => setGalleryOpen(true)}
              />
            )}
            <IconButton
              icon={Plus}
              label="New flow"
              variant="primary"
              onClick={() => setNameDialog({ kind: 'create', starter: null })}
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
            <div className="flows-page__first">
              <GettingStarted editable={editable} />
              {editable && (
                <h2 className="flows-page__gallery-title">No flows yet: start from one of these</h2>
              )}
              {editable && <StarterGallery onUse={pickStarter} />}
              {editable && (
                <p className="muted small flows-page__first-import">
                  Already have a flow file exported from Callflow? Use Import above.
                </p>
              )}
            </div>
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
                    <FlowRowActions
                      flow={flow}
                      editable={editable}
                      onRename={() => setNameDialog({ kind: 'rename', flow })}
                      onDuplicate={() => void duplicate(flow)}
                      onDelete={() => setDeleting(flow)}
                    />
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
      {galleryOpen && (
        <Dialog title="New flow from a starter" wide onClose={() => setGalleryOpen(false)}>
          <p className="muted">Pick a ready-made flow, then adapt its words, choices and phones.</p>
          <StarterGallery onUse={pickStarter} />
        </Dialog>
      )}
      {clash !== null && (
        <ImportNameTakenDialog
          clash={clash}
          onImport={() => flowImport.importAnyway(clash)}
          onCancel={flowImport.cancel}
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
