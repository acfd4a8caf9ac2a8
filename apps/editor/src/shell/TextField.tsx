import type { ComponentProps } from 'react';
import { FormField } from './FormField.tsx';

type InputProps = Omit<
  ComponentProps<'input'>,
  'id' | 'className' | 'value' | 'defaultValue' | 'onChange' | 'aria-describedby' | 'aria-invalid'
>;

export interface TextFieldProps extends InputProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly help?: string | undefined;
  readonly error?: string | undefined;
}

/** A labelled one-line text input of a form (`type` may be `password`, `search`, …). */
export function TextField({ label, value, onChange, help, error, ...input }: TextFieldProps) {
  return (
    <FormField label={label} help={help} error={error}>
      {(control) => (
        <input
          {...input}
          {...control}
          className="input"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormField>
  );
}
