import { nameTakenBody } from '@callflow/contract';
import { type ChangeEvent, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { asError } from '../api/asError.ts';
import { flowsApi } from '../api/flowsApi.ts';

/** A file whose flow name is taken, waiting for the person to import it under `suggestedName` or not. */
export interface NameClash {
  readonly fileName: string;
  readonly content: unknown;
  readonly name: string;
  readonly suggestedName: string;
}

/**
 * Importing a flow file chosen in a file input: opens the imported flow, or says why it cannot be
 * imported (`setError`), or, when a flow already has its name, holds the clash for the page to ask
 * "Import as “Name (2)”?" (`importAnyway`, `cancel`).
 */
export function useFlowImport({
  open,
  setError,
}: {
  open: (flowId: string) => void;
  setError: (message: string | null) => void;
}) {
  const [clash, setClash] = useState<NameClash | null>(null);

  async function send(fileName: string, content: unknown, onNameTaken: 'refuse' | 'rename') {
    try {
      const imported = await flowsApi.importFile(content, onNameTaken);
      setClash(null);
      open(imported.flow.id);
    } catch (caught) {
      const taken = caught instanceof ApiError ? nameTakenBody.safeParse(caught.body) : null;
      if (taken?.success === true && taken.data.error === 'name_taken') {
        setClash({ fileName, content, name: taken.data.name, suggestedName: taken.data.suggestedName });
        return;
      }
      setClash(null);
      if (caught instanceof ApiError && caught.problems.length > 0) {
        const listed = caught.problems.slice(0, 5).map((problem) => problem.message);
        const more = caught.problems.length > 5 ? ` (and ${caught.problems.length - 5} more)` : '';
        setError(`${fileName} cannot be imported: ${listed.join('; ')}${more}`);
      } else setError(`${fileName} cannot be imported: ${asError(caught).message}`);
    }
  }

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    setError(null);
    let content: unknown;
    try {
      content = JSON.parse(await file.text());
    } catch {
      setError(`${file.name} is not a JSON file: choose a file exported from Callflow.`);
      return;
    }
    await send(file.name, content, 'refuse');
  }

  return {
    chooseFile,
    clash,
    importAnyway: (held: NameClash) => send(held.fileName, held.content, 'rename'),
    cancel: () => setClash(null),
  };
}
