import { useState } from 'react';
import { Dialog } from '../shell/Dialog.tsx';
import type { NameClash } from './useFlowImport.ts';

/** "A flow named X already exists": import the file as "X (2)", or not at all. */
export function ImportNameTakenDialog({
  clash,
  onImport,
  onCancel,
}: {
  clash: NameClash;
  onImport: () => Promise<void>;
  onCancel: () => void;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={`A flow named “${clash.name}” already exists`} onClose={onCancel}>
      <p>
        {clash.fileName} holds a flow with the same name. Import it under another name, and keep both flows?
      </p>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void onImport().finally(() => setBusy(false));
          }}
        >
          Import as “{clash.suggestedName}”
        </button>
      </div>
    </Dialog>
  );
}
