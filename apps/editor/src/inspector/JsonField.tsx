import { useState } from 'react';

export interface JsonFieldProps {
  readonly id: string;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
  readonly disabled: boolean;
  readonly value: unknown;
  readonly onChange: (next: unknown) => void;
}

/** An option of a shape the form has no control for, edited as JSON so it is never out of reach. */
export function JsonField({ id, describedBy, invalid, disabled, value, onChange }: JsonFieldProps) {
  const [typed, setTyped] = useState<string | null>(null);
  const [unreadable, setUnreadable] = useState(false);
  const shown = typed ?? (value === undefined ? '' : JSON.stringify(value, null, 2));
  return (
    <>
      <textarea
        id={id}
        className="textarea inspector-mono"
        spellCheck={false}
        disabled={disabled}
        aria-describedby={describedBy}
        aria-invalid={invalid || unreadable}
        value={shown}
        onChange={(event) => {
          const text = event.target.value;
          setTyped(text);
          if (text.trim() === '') {
            setUnreadable(false);
            onChange(undefined);
            return;
          }
          try {
            onChange(JSON.parse(text));
            setUnreadable(false);
          } catch {
            setUnreadable(true);
          }
        }}
        onBlur={() => {
          if (!unreadable) setTyped(null);
        }}
      />
      {unreadable && <span className="field__error">Not valid JSON yet; the last valid value is kept.</span>}
    </>
  );
}
