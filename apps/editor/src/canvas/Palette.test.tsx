import { nodeKinds } from '@callflow/flow';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Palette } from './Palette.tsx';

describe('Palette', () => {
  it("opens a kind's help from its “?” without adding a node", () => {
    const onAdd = vi.fn();
    render(<Palette onAdd={onAdd} />);
    fireEvent.click(screen.getByRole('button', { name: 'Help: Dial' }));
    const help = screen.getByTestId('node-help');
    expect(screen.getByRole('heading', { name: 'Help: Dial' })).toBeTruthy();
    expect(within(help).getByText(nodeKinds.dial.help.example)).toBeTruthy();
    expect(
      within(within(help).getByRole('region', { name: 'Outcomes' }))
        .getAllByRole('term')
        .map((term) => term.textContent),
    ).toEqual(['Answered', 'Busy', 'No answer', 'Unavailable', 'Could not call']);
    expect(onAdd).not.toHaveBeenCalled();
  });

  it('adds a node when its item is clicked', () => {
    const onAdd = vi.fn();
    render(<Palette onAdd={onAdd} />);
    fireEvent.click(screen.getByTestId('palette-menu'));
    expect(onAdd).toHaveBeenCalledWith('menu');
  });
});
