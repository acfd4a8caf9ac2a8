import { type ReactNode, useId } from 'react';

/** What a field's control needs to be tied to its label, help and error. */
export interface FormFieldControl {
  readonly id: string;
  readonly 'aria-describedby': string | undefined;
  readonly 'aria-invalid': boolean;
}

export interface FormFieldProps {
  readonly label: string;
  readonly help?: string | undefined;
  /** Shown under the control, which is then marked invalid. */
  readonly error?: string | undefined;
  readonly children: (control: FormFieldControl) => ReactNode;
}

/**
 * A form's labelled field. The help and error describe the control instead of being part of its
 * label, so a screen reader names the field by its label alone and reads the error after it.
 */
export function FormField({ label, help, error, children }: FormFieldProps) {
  const id = useId();
  const helpId = help === undefined ? undefined : `${id}-help`;
  const errorId = error === undefined ? undefined : `${id}-error`;
  const describedBy = [helpId, errorId].filter((part) => part !== undefined).join(' ');
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {children({
        id,
        'aria-describedby': describedBy === '' ? undefined : describedBy,
        'aria-invalid': errorId !== undefined,
      })}
      {helpId !== undefined && (
        <span id={helpId} className="field__help">
          {help}
        </span>
      )}
      {errorId !== undefined && (
        <span id={errorId} className="field__error">
          {error}
        </span>
      )}
    </div>
  );
}
