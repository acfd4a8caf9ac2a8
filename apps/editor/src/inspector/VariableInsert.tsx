import { type RefObject, useId, useLayoutEffect, useRef, useState } from 'react';
import { useInspector } from './InspectorContext.ts';

export interface VariableInsertProps {
  /** The field's title, naming the button for screen readers when a node has several. */
  readonly label: string;
  readonly disabled: boolean;
  readonly value: string;
  readonly onChange: (next: string) => void;
  /** The field's input, whose cursor says where the variable goes. */
  readonly input: RefObject<HTMLInputElement | HTMLTextAreaElement | null>;
}

/**
 * "{{ }} Insert variable" under a text field: the variables that may exist at this node, with a
 * search; picking one inserts it where the field's cursor was. Nothing in a read-only inspector.
 */
export function VariableInsert({ label, disabled, value, onChange, input }: VariableInsertProps) {
  const { readOnly, variables } = useInspector();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const wanted = search.trim().toLowerCase();
  const shown = wanted === '' ? variables : variables.filter((name) => name.toLowerCase().includes(wanted));
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

  if (readOnly) return null;
  return (
    <>
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
      {open && (
        <input
          type="search"
          className="input template-input__search"
          aria-label={`Find a variable for ${label}`}
          placeholder="Find a variable, e.g. caller"
          value={search}
          disabled={disabled}
          onChange={(event) => setSearch(event.target.value)}
        />
      )}
      {open && shown.length === 0 && <p className="muted small">No variable matches “{search.trim()}”.</p>}
      {open && (
        <ul
          id={listId}
          className="plain-list template-input__variables"
          aria-label={`Variables available for ${label}`}
        >
          {shown.map((name) => (
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
    </>
  );
}
