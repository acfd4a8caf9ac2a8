import { nodeKinds, validateFlow } from '@callflow/flow';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseOption, draftNode, renderInspector } from './renderInspector.tsx';

afterEach(() => vi.unstubAllGlobals());

const menuNode = () => draftNode('menu', structuredClone(nodeKinds.menu.starterOptions), 'menu');

describe('menu form', () => {
  it('adds a choice with the next free digit, changes its digit and removes the first one', () => {
    const view = renderInspector(
      draftNode('menu', { ...nodeKinds.menu.starterOptions, choices: [{ digit: '1', label: '' }] }, 'menu'),
    );
    const choices = screen.getByLabelText('Choices');

    fireEvent.click(within(choices).getByRole('button', { name: 'Add choice' }));
    expect(view.lastOptions()?.choices).toEqual([
      { digit: '1', label: '' },
      { digit: '2', label: '' },
    ]);

    const second = within(choices).getByLabelText('Choice 2');
    chooseOption(within(second).getByLabelText('Digit'), '5');
    fireEvent.change(within(second).getByLabelText('Name'), { target: { value: 'Support' } });
    expect(view.lastOptions()?.choices).toEqual([
      { digit: '1', label: '' },
      { digit: '5', label: 'Support' },
    ]);

    fireEvent.click(within(choices).getByRole('button', { name: 'Remove choice 1' }));
    expect(view.lastOptions()?.choices).toEqual([{ digit: '5', label: 'Support' }]);
    // The outcome ports follow the choices.
    const outcomes = screen.getByRole('region', { name: 'Outcomes' });
    expect(
      within(outcomes)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Support', 'No key pressed', 'Wrong key']);
  });

  it('moves a choice down, keeping its values', () => {
    const view = renderInspector(
      draftNode('menu', {
        ...nodeKinds.menu.starterOptions,
        choices: [
          { digit: '1', label: 'Sales' },
          { digit: '2', label: 'Support' },
        ],
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Move choice 1 down' }));
    expect(view.lastOptions()?.choices).toEqual([
      { digit: '2', label: 'Support' },
      { digit: '1', label: 'Sales' },
    ]);
    expect(within(screen.getByLabelText('Choice 1')).getByLabelText('Name')).toHaveProperty(
      'value',
      'Support',
    );
  });

  it('shows the timeout default, edits it, and leaves it missing when cleared', () => {
    const view = renderInspector(menuNode());
    const timeout = screen.getByLabelText('Timeout (seconds)');
    expect(timeout).toHaveProperty('value', '5');
    expect(timeout.getAttribute('min')).toBe('1');
    expect(timeout.getAttribute('max')).toBe('60');
    expect(screen.getByText('How long to wait for the first digit')).toBeTruthy();

    fireEvent.change(timeout, { target: { value: '8' } });
    expect(view.lastOptions()?.timeoutSeconds).toBe(8);

    fireEvent.change(timeout, { target: { value: '' } });
    expect(view.lastOptions()).not.toHaveProperty('timeoutSeconds');
    // While the person is typing the field stays empty instead of jumping back to the default...
    expect(timeout).toHaveProperty('value', '');
    // ...which it shows again once they leave it, as that is what the missing value means.
    fireEvent.blur(timeout);
    expect(timeout).toHaveProperty('value', '5');
  });

  it('shows the duplicate digit problem from validation at the choices', () => {
    const node = draftNode(
      'menu',
      {
        ...nodeKinds.menu.starterOptions,
        choices: [
          { digit: '1', label: '' },
          { digit: '1', label: '' },
        ],
      },
      'menu',
    );
    const document = {
      schemaVersion: 1,
      nodes: [draftNode('start', {}, 'start'), node],
      edges: [{ id: 'e1', source: 'start', port: 'next', target: 'menu' }],
    };
    const { problems } = validateFlow(document);
    renderInspector(node, { document, nodeIndex: 1, problems });
    expect(
      within(screen.getByLabelText('Choices')).getByText('each digit can be used by one choice only'),
    ).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Outcomes' }).textContent).toContain(
      'Shown once the options are valid',
    );
  });
});
