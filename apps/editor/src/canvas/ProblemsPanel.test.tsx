import { type FlowProblem, nodeKinds } from '@callflow/flow';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { DraftNode } from './DraftDocument.ts';
import { ProblemsPanel } from './ProblemsPanel.tsx';

const nodes: DraftNode[] = [
  { id: 'start', kind: 'start', label: '', position: { x: 0, y: 0 }, options: {} },
  {
    id: 'menu-3',
    kind: 'menu',
    label: 'Main menu',
    position: { x: 0, y: 0 },
    options: structuredClone(nodeKinds.menu.starterOptions),
  },
  {
    id: 'play-7',
    kind: 'play',
    label: '',
    position: { x: 0, y: 0 },
    options: { prompts: [{ type: 'say', text: 'Welcome to Acme' }] },
  },
];

function problem(nodeId: string | null, message: string, severity: FlowProblem['severity'] = 'warning') {
  return {
    severity,
    code: 'unconnected-port',
    message,
    nodeId,
    edgeId: null,
    path: '',
  } satisfies FlowProblem;
}

const problems = [
  problem('menu-3', 'Menu “Main menu”: Timeout (seconds): use at most 60', 'error'),
  problem('play-7', 'Play (“Welcome to Acme”) › “Failed” is not connected: the call hangs up there'),
  problem(null, 'The flow has no Start node'),
];

describe('ProblemsPanel', () => {
  it('names each node by its display name, never its id, and tells the message without repeating it', () => {
    render(<ProblemsPanel problems={problems} nodes={nodes} onSelectNode={() => {}} />);
    const rows = within(screen.getByTestId('problems-list')).getAllByRole('listitem');
    expect(rows.map((row) => row.querySelector('.problems__name')?.textContent ?? '')).toEqual([
      'Main menu',
      'Play: “Welcome to Acme”',
      '',
    ]);
    expect(rows.map((row) => row.querySelector('.problems__message')?.textContent)).toEqual([
      'Timeout (seconds): use at most 60',
      '“Failed” is not connected: the call hangs up there',
      'The flow has no Start node',
    ]);
    expect(screen.getByTestId('problems-list').textContent).not.toMatch(/menu-3|play-7/);
    expect(screen.getByText('1 error')).toBeTruthy();
    expect(screen.getByText('2 warnings')).toBeTruthy();
  });

  it('selects the node a problem is about when it is clicked', () => {
    const onSelectNode = vi.fn();
    render(<ProblemsPanel problems={problems} nodes={nodes} onSelectNode={onSelectNode} />);
    fireEvent.click(screen.getByText('Timeout (seconds): use at most 60'));
    expect(onSelectNode).toHaveBeenCalledWith('menu-3');
  });

  it("opens the help of the problem node's kind, for that node, without selecting it", () => {
    const onSelectNode = vi.fn();
    render(<ProblemsPanel problems={problems} nodes={nodes} onSelectNode={onSelectNode} />);
    const helpButtons = screen.getAllByRole('button', { name: 'Help' });
    // One per problem about a node; the flow-wide problem has none.
    expect(helpButtons).toHaveLength(2);
    fireEvent.click(helpButtons[1] as HTMLElement);
    const help = screen.getByTestId('node-help');
    expect(help.dataset.kind).toBe('play');
    expect(within(help).getByText(nodeKinds.play.help.does)).toBeTruthy();
    expect(within(help).getByText('This node: Play: “Welcome to Acme”')).toBeTruthy();
    expect(onSelectNode).not.toHaveBeenCalled();
  });

  it('says the flow is ready to publish when there is no problem', () => {
    render(<ProblemsPanel problems={[]} nodes={nodes} onSelectNode={() => {}} />);
    expect(screen.getByText('Ready to publish')).toBeTruthy();
  });
});
