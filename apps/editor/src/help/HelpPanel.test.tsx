import { nodeKindNames, nodeKinds } from '@callflow/flow';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { HelpPanel } from './HelpPanel.tsx';

function outcomeRows() {
  const outcomes = screen.getByRole('region', { name: 'Outcomes' });
  return within(outcomes)
    .queryAllByRole('term')
    .map((term) => `${term.textContent} — ${term.nextElementSibling?.textContent}`);
}

describe('HelpPanel', () => {
  it.each(nodeKindNames)('shows what %s does, each outcome in words, and an example', (kind) => {
    render(<HelpPanel kind={kind} onClose={() => {}} />);
    const definition = nodeKinds[kind];
    expect(screen.getByRole('heading', { name: `Help: ${definition.title}` })).toBeTruthy();
    expect(screen.getByText(definition.help.does)).toBeTruthy();
    expect(screen.getByText(definition.help.example)).toBeTruthy();
    const rows = outcomeRows();
    expect(rows).toHaveLength(Object.keys(definition.help.outcomes).length);
    // Every outcome is named in words, never by its internal port name in brackets or lower case.
    for (const row of rows) expect(row).toMatch(/^[A-Z][^<>]* — \S/);
  });

  it("lists a menu's generic choice outcome, then its own choices by name when opened for a node", () => {
    const { unmount } = render(<HelpPanel kind="menu" onClose={() => {}} />);
    expect(outcomeRows()[0]).toMatch(/^Each choice — The caller pressed/);
    unmount();
    render(
      <HelpPanel
        kind="menu"
        node={{
          id: 'menu-1',
          kind: 'menu',
          label: 'Main menu',
          position: { x: 0, y: 0 },
          options: {
            prompts: [{ type: 'say', text: 'Press 1 for sales' }],
            choices: [
              { digit: '1', label: 'Sales' },
              { digit: '2', label: '' },
            ],
          },
        }}
        onClose={() => {}}
      />,
    );
    expect(outcomeRows().map((row) => row.split(' — ')[0])).toEqual([
      'Sales',
      'Press 2',
      'No key pressed',
      'Wrong key',
    ]);
    expect(screen.getByText('This node: Main menu')).toBeTruthy();
    expect(screen.queryByText(/menu-1/)).toBeNull();
  });

  it('says a Hang up has no outcome, and closes', () => {
    const onClose = vi.fn();
    render(<HelpPanel kind="hangup" onClose={onClose} />);
    expect(screen.getByText('None: the call ends here.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
