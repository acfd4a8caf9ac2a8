import { useId, useLayoutEffect, useRef, useState } from 'react';
import { useInspector } from './InspectorContext.ts';

export interface TemplateInputProps {
  readonly id: string;
  /** The field's title, naming the insert button for screen readers when a node has several. */
  readonly label: string;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
  readonly disabled: boolean;
  readonly multiline: boolean;
  readonly placeholder: string | undefined;
  readonly value: string;
  readonly onChange: (next: string) => void;
}

/**
 * Text that may hold `{{variables}}`, with a list of the variables that may exist at this node;
 * picking one inserts it where the cursor was.
 */
export function TemplateInput(props: TemplateInputProps) {
  const { id, label, describedBy, invalid, disabled, multiline, placeholder, value, onChange } = props;
  const { readOnly, variables } = useInspector();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const caret = useRef<number | null>(null);

  // Put the cursor after the inserted variable once React has written the new text.
  useLayoutEffect(() => {
    const element = input.current;
    if (caret.current === null || element === null) return;
    element.focus();
    element.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  });

  const insert = (name: string) => {
    const element = input.current;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? start;
    const token = `{{${name}}}`;
    caret.current = start + token.length;
    onChange(`${value.slice(0, start)}${token}${value.slice(end)}`);
  };

  const common = {
    id,
    ref: input,
    value,
    placeholder,
    disabled,
    spellCheck: false,
    'aria-describedby': describedBy,
    'aria-invalid': invalid,
  };
  return (
    <div className="template-input">
      {multiline ? (
        <textarea
          {...common}
          className="textarea inspector-mono"
          rows={4}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input {...common} className="input" onChange={(e) => onChange(e.target.value)} />
      )}
      {!readOnly && (
        <button
          type="button"
          className="template-input__toggle"
          aria-expanded={open}
          aria-controls={listId}
          aria-label={`Insert a variable into ${label}`}
          disabled={disabled}
          onClick={() => setOpen(!open)}
        >
          {'{{ }}'} Insert variable
        </button>
      )}
      {open && !readOnly && (
        <ul
          id={listId}
          className="plain-list template-input__variables"
          aria-label={`Variables available for ${label}`}
        >
          {variables.map((name) => (
            <li key={name}>
              <button
                type="button"
                className="template-input__variable"
                disabled={disabled}
                onClick={() => insert(name)}
              >
                {name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
