import type { FlowSummary } from '@callflow/contract';
import { blankFlow, type StarterFlow } from '@callflow/flow';
import { useState } from 'react';
import { flowsApi } from '../api/flowsApi.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { FormActions } from '../shell/FormActions.tsx';
import { TextField } from '../shell/TextField.tsx';
import { useFormSubmit } from '../shell/useFormSubmit.ts';

/** Creating a flow (blank, or from a starter: `starter`), or renaming one. */
export type NameDialog =
  | { readonly kind: 'create'; readonly starter: StarterFlow | null }
  | { readonly kind: 'rename'; readonly flow: FlowSummary };

/** Asks for a flow's name, then creates it (a starter's copy, or a blank flow) or renames it. */
export function NameFlowDialog({
  dialog,
  onClose,
  onDone,
}: {
  dialog: NameDialog;
  onClose: () => void;
  onDone: (flowId: string) => void;
}) {
  const [name, setName] = useState(
    dialog.kind === 'rename' ? dialog.flow.name : (dialog.starter?.title ?? ''),
  );
  const { submit, busy, error } = useFormSubmit(async () =>
    onDone(
      dialog.kind === 'create'
        ? (await flowsApi.create(name, dialog.starter?.document ?? blankFlow)).id
        : (await flowsApi.rename(dialog.flow.id, name)).id,
    ),
  );
  const title =
    dialog.kind === 'rename'
      ? 'Rename the flow'
      : dialog.starter === null
        ? 'New blank flow'
        : `New flow from “${dialog.starter.title}”`;
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit}>
        {dialog.kind === 'create' && dialog.starter !== null && (
          <p className="muted">{dialog.starter.description}</p>
        )}
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
          submitLabel={dialog.kind === 'create' ? 'Create and open' : 'Rename'}
          disabled={busy}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
