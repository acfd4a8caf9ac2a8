import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { TextField } from './TextField.tsx';

function ExtensionField({ error }: { error?: string }) {
  const [value, setValue] = useState('');
  return (
    <TextField
      label="Extension"
      value={value}
      onChange={setValue}
      help="The number callers dial."
      error={error}
    />
  );
}

describe('TextField', () => {
  it('is named by its label alone and described by its help', () => {
    render(<ExtensionField />);
    const input = screen.getByRole('textbox', { name: 'Extension' });
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(input.getAttribute('aria-describedby')).toBe(screen.getByText('The number callers dial.').id);
  });

  it('marks the input invalid and points it at the error', () => {
    render(<ExtensionField error="already taken" />);
    const input = screen.getByRole('textbox', { name: 'Extension' });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')?.split(' ')).toContain(
      screen.getByText('already taken').id,
    );
  });

  it('hands what is typed to onChange', () => {
    render(<ExtensionField />);
    fireEvent.change(screen.getByLabelText('Extension'), { target: { value: '7000' } });
    expect(screen.getByDisplayValue('7000')).toBeTruthy();
  });
});
