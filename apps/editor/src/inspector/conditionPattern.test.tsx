import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseOption, draftNode, renderInspector } from './renderInspector.tsx';

afterEach(() => vi.unstubAllGlobals());

const insertInto = (label: string) =>
  screen.queryByRole('button', { name: `Insert a variable into ${label}` });

/** The help under a field, found through the control's aria-describedby. */
function helpOf(label: string): string {
  const ids = screen.getByLabelText(label).getAttribute('aria-describedby') ?? '';
  return ids
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('condition "Compare with" when the comparison is "matches regular expression"', () => {
  it('offers no variables: a pattern is written in the flow, in RE2 syntax', () => {
    renderInspector(
      draftNode('condition', { left: '{{caller.number}}', operator: 'matches', right: '^0[67]' }),
    );
    expect(insertInto('Compare with')).toBeNull();
    // The value tested still takes variables.
    expect(insertInto('Value')).not.toBeNull();
    const help = helpOf('Compare with');
    expect(help).toMatch(/pattern/i);
    expect(help).toMatch(/RE2/);
    expect(help).toMatch(/written here in the flow/i);
    expect(screen.getByLabelText('Compare with')).toHaveProperty('value', '^0[67]');
  });

  it('offers variables for the other comparisons, and stops when "matches" is chosen', () => {
    const view = renderInspector(
      draftNode('condition', { left: '{{menu.digit}}', operator: 'equals', right: '1' }),
    );
    expect(insertInto('Compare with')).not.toBeNull();
    expect(helpOf('Compare with')).not.toMatch(/RE2/);
    chooseOption(screen.getByLabelText('Comparison'), 'matches regular expression');
    expect(view.lastOptions()?.operator).toBe('matches');
    expect(insertInto('Compare with')).toBeNull();
    expect(helpOf('Compare with')).toMatch(/RE2/);
    // Typing a pattern still edits the option.
    fireEvent.change(screen.getByLabelText('Compare with'), { target: { value: '^[12]$' } });
    expect(view.lastOptions()).toEqual({ left: '{{menu.digit}}', operator: 'matches', right: '^[12]$' });
  });
});
