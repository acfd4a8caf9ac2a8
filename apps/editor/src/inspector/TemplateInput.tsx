import { useRef } from 'react';
import { VariableInsert } from './VariableInsert.tsx';

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
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);

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
      <VariableInsert label={label} disabled={disabled} value={value} onChange={onChange} input={input} />
    </div>
  );
}
