import type { PromptSummary } from '@callflow/contract';
import { ApiError } from '../api/ApiError.ts';
import { useApiData } from '../api/useApiData.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { useFormSubmit } from '../shell/useFormSubmit.ts';
import { listed } from './listed.ts';
import { promptsApi } from './promptsApi.ts';
import { WhereUsed } from './WhereUsed.tsx';

export interface DeletePromptDialogProps {
  readonly prompt: PromptSummary;
  readonly onClose: () => void;
  readonly onDeleted: () => void;
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
        <WhereUsed detail={detail} />
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
