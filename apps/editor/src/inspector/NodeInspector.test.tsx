import { type FlowProblem, nodeKinds } from '@callflow/flow';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { draftNode, renderInspector } from './renderInspector.tsx';

afterEach(() => vi.unstubAllGlobals());

function problem(path: string, message: string, at: Partial<FlowProblem> = {}): FlowProblem {
  return { severity: 'error', code: 'invalid-field', message, nodeId: 'menu', edgeId: null, path, ...at };
}

const menuNode = () => draftNode('menu', structuredClone(nodeKinds.menu.starterOptions), 'menu');

describe('NodeInspector', () => {
  it('shows the kind, the node by its name (never its id), its help, and edits the label', () => {
    const view = renderInspector(menuNode());
    expect(screen.getByRole('heading', { name: 'Menu' })).toBeTruthy();
    expect(screen.getByText(nodeKinds.menu.description)).toBeTruthy();
    // Unlabelled, the node is named by what it does (its choices), as on the canvas.
    expect(screen.getByLabelText('Label').getAttribute('placeholder')).toBe('Menu: Sales, Support');
    expect(screen.queryByText('menu')).toBeNull();
    fireEvent.change(screen.getByLabelText('Label'), { target: { value: 'Main menu' } });
    expect(view.changes.at(-1)).toMatchObject({ id: 'menu', label: 'Main menu', kind: 'menu' });
    expect(screen.getByText('Main menu', { selector: '.inspector__name' })).toBeTruthy();

    fireEvent.click(screen.getByTestId('inspector-help'));
    const help = screen.getByTestId('node-help');
    expect(within(help).getByText(nodeKinds.menu.help.does)).toBeTruthy();
    expect(within(help).getByText('This node: Main menu')).toBeTruthy();
    fireEvent.click(within(help).getByRole('button', { name: 'Close' }));
    expect(screen.queryByTestId('node-help')).toBeNull();
  });

  it('shows the outcomes and the variables the node sets', () => {
    renderInspector(draftNode('collectDigits', { variable: 'account' }));
    const outcomes = screen.getByRole('region', { name: 'Outcomes' });
    expect(
      within(outcomes)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Next', 'Not enough digits']);
    expect(screen.getByRole('region', { name: 'Sets variables' }).textContent).toContain('{{vars.account}}');
  });

  it("puts this node's field problems at their fields and the rest at the top", () => {
    const problems = [
      problem(
        'nodes.1.options.timeoutSeconds',
        'nodes.1.options.timeoutSeconds: Too big: expected number to be <=60',
      ),
      problem('nodes.1.options.choices.0.digit', 'nodes.1.options.choices.0.digit: Invalid option'),
      problem('nodes.1.label', 'nodes.1.label: Too big: expected string to have <=80 characters'),
      problem('nodes.1', 'outcome "timeout" of Menu node "menu" is not connected: the call hangs up there', {
        severity: 'warning',
        code: 'unconnected-port',
      }),
      problem('nodes.1.options', 'nodes.1.options: Unrecognized key: "colour"'),
      // Another node's problems, and a node sharing this id at another index, are not this node's.
      problem('nodes.2.options.timeoutSeconds', 'other node', { nodeId: 'other' }),
      problem('nodes.4.options.timeoutSeconds', 'same id, other node'),
    ];
    renderInspector(menuNode(), { problems, nodeIndex: 1 });

    const timeout = screen.getByLabelText('Timeout (seconds)');
    expect(timeout.getAttribute('aria-invalid')).toBe('true');
    expect(
      within(timeout.closest('.field') ?? document.body).getByText('Too big: expected number to be <=60'),
    ).toBeTruthy();
    expect(within(screen.getByLabelText('Choice 1')).getByText('Invalid option')).toBeTruthy();
    expect(screen.getByText('Too big: expected string to have <=80 characters')).toBeTruthy();

    const top = screen.getByRole('list', { name: 'Problems' });
    expect(
      within(top)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'warningoutcome "timeout" of Menu node "menu" is not connected: the call hangs up there',
      'errorUnrecognized key: "colour"',
    ]);
    expect(screen.queryByText('other node')).toBeNull();
    expect(screen.queryByText('same id, other node')).toBeNull();
  });

  it('disables every control and offers no adding, removing or inserting when read-only', () => {
    const { container } = renderInspector(
      draftNode('httpLookup', {
        url: 'https://crm.example.com/{{caller.number}}',
        headers: [{ name: 'Authorization', value: 'Bearer x' }],
        body: '{}',
      }),
      { readOnly: true },
    );
    const controls = [...container.querySelectorAll('input, select, textarea')];
    expect(controls.length).toBeGreaterThan(8);
    for (const control of controls) expect(control, control.outerHTML).toHaveProperty('disabled', true);
    // Help stays open to viewers; nothing else is a button.
    expect(screen.queryAllByRole('button').map((button) => button.dataset.testid)).toEqual([
      'inspector-help',
    ]);
  });

  it('never throws on half-filled or wrongly typed options, and edits them into shape', () => {
    const view = renderInspector(
      draftNode('menu', {
        prompts: 'hello',
        choices: [null, 5, { digit: 'x' }],
        timeoutSeconds: 'soon',
        language: 3,
      }),
    );
    expect(screen.getByRole('region', { name: 'Outcomes' }).textContent).toContain(
      'Shown once the options are valid',
    );
    fireEvent.click(within(screen.getByLabelText('Prompts')).getByRole('button', { name: 'Add prompt' }));
    fireEvent.click(
      within(screen.getByLabelText('Choices')).getByRole('button', { name: 'Remove choice 1' }),
    );
    fireEvent.change(screen.getByLabelText('Timeout (seconds)'), { target: { value: '7' } });
    expect(view.lastOptions()).toMatchObject({
      prompts: [{ type: 'sound', name: '' }],
      choices: [5, { digit: 'x' }],
      timeoutSeconds: 7,
    });
  });
});
