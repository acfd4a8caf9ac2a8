import type { PromptSummary } from '@callflow/contract';
import { useState } from 'react';
import { useApiData } from '../api/useApiData.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { FormActions } from '../shell/FormActions.tsx';
import { FormField } from '../shell/FormField.tsx';
import { TextField } from '../shell/TextField.tsx';
import { useFormSubmit } from '../shell/useFormSubmit.ts';
import { promptsApi } from './promptsApi.ts';
import { WhereUsed } from './WhereUsed.tsx';

export interface PromptFormDialogProps {
  /** The prompt to rename or describe; none to create one. */
  readonly prompt: PromptSummary | null;
  readonly onClose: () => void;
  readonly onDone: (prompt: PromptSummary) => void;
}

/** A prompt's name and description: a new prompt's, or a change to an existing one's. */
export function PromptFormDialog({ prompt, onClose, onDone }: PromptFormDialogProps) {
  const detail = useApiData(
    (signal) => (prompt === null ? Promise.resolve(null) : promptsApi.get(prompt.id, signal)),
    [prompt?.id],
  );
  const [name, setName] = useState(prompt?.name ?? '');
  const [description, setDescription] = useState(prompt?.description ?? '');
  const { submit, busy, error } = useFormSubmit(async () =>
    onDone(
      prompt === null
        ? await promptsApi.create(name, description)
        : await promptsApi.update(prompt.id, { name, description }),
    ),
  );
  const nameProblem = error?.problemAt('body.name');
  const descriptionProblem = error?.problemAt('body.description');
  const otherProblem =
    error !== null && nameProblem === undefined && descriptionProblem === undefined
      ? error.message
      : undefined;
  return (
    <Dialog title={prompt === null ? 'New prompt' : `Edit ${prompt.name}`} onClose={onClose}>
      <form onSubmit={submit}>
        <TextField
          label="Name"
          name="name"
          value={name}
          onChange={setName}
          maxLength={80}
          placeholder="e.g. Welcome"
          help="How flows refer to it: pick it by this name in a Play or Menu node."
          error={nameProblem}
          autoFocus
        />
        <FormField
          label="Description"
          help="What it says or when it plays, so others find the right one."
          error={descriptionProblem}
        >
          {(control) => (
            <textarea
              {...control}
              className="textarea"
              name="description"
              maxLength={500}
              value={description}
              placeholder="e.g. The greeting every caller hears first"
              onChange={(event) => setDescription(event.target.value)}
            />
          )}
        </FormField>
        {prompt !== null && <WhereUsed detail={detail} />}
        <FormActions
          problem={otherProblem}
          submitLabel={prompt === null ? 'Create' : 'Save'}
          disabled={busy}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
