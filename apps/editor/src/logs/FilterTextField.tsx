import { type ComponentProps, useEffect, useRef, useState } from 'react';
import { FilterField, type FilterFieldWidth } from './FilterField.tsx';

type InputProps = Omit<ComponentProps<'input'>, 'id' | 'value' | 'onChange' | 'defaultValue' | 'className'>;

export interface FilterTextFieldProps extends InputProps {
  readonly label: string;
  readonly value: string;
  readonly onCommit: (value: string) => void;
  readonly width?: FilterFieldWidth | undefined;
  readonly delayMs?: number;
}

/**
 * A filter bar text field that applies what is typed once typing pauses (or on Enter / leaving the
 * field), so a list is not asked for again on every key press.
 */
export function FilterTextField({
  label,
  value,
  onCommit,
  width,
  delayMs = 400,
  ...props
}: FilterTextFieldProps) {
  const [draft, setDraft] = useState(value);
  const commitRef = useRef(onCommit);
  commitRef.current = onCommit;
  const committed = useRef(value);

  // The value can change from outside (filters cleared, back button): show it.
  useEffect(() => {
    committed.current = value;
    setDraft(value);
  }, [value]);

  useEffect(() => {
    if (draft === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = draft;
      commitRef.current(draft);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [draft, delayMs]);

  const commitNow = () => {
    if (draft === committed.current) return;
    committed.current = draft;
    commitRef.current(draft);
  };

  return (
    <FilterField label={label} width={width}>
      {(id) => (
        <input
          {...props}
          id={id}
          className="input"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commitNow}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commitNow();
          }}
        />
      )}
    </FilterField>
  );
}
