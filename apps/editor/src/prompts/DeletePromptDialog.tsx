import type { PromptSummary } from '@callflow/contract';
import { Link } from 'wouter';
import { ApiError } from '../api/ApiError.ts';
import { useApiData } from '../api/useApiData.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { useFormSubmit } from '../shell/useFormSubmit.ts';
import { promptsApi } from './promptsApi.ts';

export interface DeletePromptDialogProps {
  readonly prompt: PromptSummary;
  readonly onClose: () => void;
  readonly onDeleted: () => void;
}

/** "and" between the last two: `7001, 7002 and 7003`. */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Deleting a prompt, with where it is used first: the flows whose drafts play it and the published
 * versions that do. While a live version plays it the server refuses, and the dialog says why.
 */
export function DeletePromptDialog({ prompt, onClose, onDeleted }: DeletePromptDialogProps) {
  const detail = useApiData((signal) => promptsApi.get(prompt.id, signal), [prompt.id]);
  const { submit, busy, error } = useFormSubmit(async () => {
    await promptsApi.remove(prompt.id);
    onDeleted();
  });
  const usage = detail.data?.usage;
  const refused = error instanceof ApiError && error.code === 'prompt_in_use';
  return (
    <Dialog title={`Delete ${prompt.name}?`} onClose={onClose}>
      <form onSubmit={submit}>
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
        {usage !== undefined && usage.liveOn.length > 0 && !refused && (
          <p className="notice notice--warning">
            Callers on {listed(usage.liveOn)} hear it now: it cannot be deleted until those flows are
            published without it.
          </p>
        )}
        {usage !== undefined && usage.liveOn.length === 0 && usage.drafts.length > 0 && (
          <p className="muted small">
            Those flows will show a problem until another prompt is chosen in them.
          </p>
        )}
        {error !== null && (
          <p className="notice notice--error" role="alert">
            {error.message}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {refused ? 'Close' : 'Cancel'}
          </button>
          <button
            type="submit"
            className="button button--primary prompts-page__delete"
            disabled={busy || refused}
          >
            Delete
          </button>
        </div>
      </form>
    </Dialog>
  );
}
