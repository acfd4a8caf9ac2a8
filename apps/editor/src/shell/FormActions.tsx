export interface FormActionsProps {
  /** What went wrong that no field shows (the server's reason), above the buttons. */
  readonly problem?: string | undefined;
  readonly submitLabel: string;
  /** While the form is being sent, or has nothing to send. */
  readonly disabled: boolean;
  readonly onCancel: () => void;
}

/** The foot of a dialog's form: why the last attempt failed, then Cancel and the form's own button. */
export function FormActions({ problem, submitLabel, disabled, onCancel }: FormActionsProps) {
  return (
    <>
      {problem !== undefined && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={disabled}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
