import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DraftDocument } from '../canvas/DraftDocument.ts';
import { draftNode, renderInspector } from './renderInspector.tsx';

afterEach(() => vi.unstubAllGlobals());

// start → setVariable(account) → menu → (1) condition → setVariable(after)
function flowAround(condition: ReturnType<typeof draftNode>): DraftDocument {
  return {
    schemaVersion: 1,
    nodes: [
      draftNode('start', {}, 'start'),
      draftNode('setVariable', { name: 'account', value: '{{caller.number}}' }, 'remember'),
      draftNode(
        'menu',
        { prompts: [{ type: 'sound', name: 'hello-world' }], choices: [{ digit: '1' }] },
        'menu',
      ),
      condition,
      draftNode('setVariable', { name: 'after', value: 'x' }, 'later'),
    ],
    edges: [
      { id: 'e1', source: 'start', port: 'next', target: 'remember' },
      { id: 'e2', source: 'remember', port: 'next', target: 'menu' },
      { id: 'e3', source: 'menu', port: '1', target: 'check' },
      { id: 'e4', source: 'check', port: 'true', target: 'later' },
    ],
  };
}

function variablesFor(label: string): string[] {
  fireEvent.click(screen.getByRole('button', { name: `Insert a variable into ${label}` }));
  const list = screen.getByRole('list', { name: `Variables available for ${label}` });
  return within(list)
    .getAllByRole('button')
    .map((button) => button.textContent ?? '');
}

describe('template variable hint', () => {
  it('lists the variables that may exist at the node: the call, and those set before it', () => {
    const condition = draftNode('condition', { left: '', operator: 'equals', right: '1' }, 'check');
    renderInspector(condition, { document: flowAround(condition), nodeIndex: 3 });
    const names = variablesFor('Value');
    expect(names).toEqual(expect.arrayContaining(['caller.number', 'call.id', 'vars.account', 'menu.digit']));
    expect(names).not.toContain('vars.after');
  });

  it('finds a variable by part of its name', () => {
    const condition = draftNode('condition', { left: '', operator: 'equals', right: '1' }, 'check');
    renderInspector(condition, { document: flowAround(condition), nodeIndex: 3 });
    fireEvent.click(screen.getByRole('button', { name: 'Insert a variable into Value' }));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find a variable for Value' }), {
      target: { value: 'ACCOUNT' },
    });
    const list = screen.getByRole('list', { name: 'Variables available for Value' });
    expect(
      within(list)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['vars.account']);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find a variable for Value' }), {
      target: { value: 'nothing-like-it' },
    });
    expect(screen.getByText('No variable matches “nothing-like-it”.')).toBeTruthy();
  });

  it('inserts the picked variable where the cursor is', () => {
    const condition = draftNode('condition', { left: 'ab', operator: 'equals', right: '1' }, 'check');
    const view = renderInspector(condition, { document: flowAround(condition), nodeIndex: 3 });
    const input = screen.getByLabelText('Value');
    if (!(input instanceof HTMLInputElement)) throw new Error('Value is not an input');
    input.setSelectionRange(1, 1);
    variablesFor('Value');
    fireEvent.click(screen.getByRole('button', { name: 'menu.digit' }));
    expect(view.lastOptions()?.left).toBe('a{{menu.digit}}b');
    expect(input.selectionStart).toBe('a{{menu.digit}}'.length);
  });

  it('still lists variables when a node before this one is half filled in', () => {
    const condition = draftNode('condition', { left: '', operator: 'equals' }, 'check');
    const document = flowAround(condition);
    document.nodes[2] = draftNode('menu', { choices: 'not yet' }, 'menu');
    renderInspector(condition, { document, nodeIndex: 3 });
    const names = variablesFor('Value');
    // The broken menu sets nothing until it is fixed; everything else is still offered.
    expect(names).toEqual(expect.arrayContaining(['caller.number', 'vars.account']));
    expect(names).not.toContain('menu.digit');
  });

  it('offers the list for multi-line bodies too', () => {
    const view = renderInspector(
      draftNode('httpLookup', { url: 'https://crm.example.com', method: 'POST', body: '' }),
    );
    const body = screen.getByLabelText('Body');
    expect(body.tagName).toBe('TEXTAREA');
    variablesFor('Body');
    fireEvent.click(screen.getByRole('button', { name: 'caller.number' }));
    expect(view.lastOptions()?.body).toBe('{{caller.number}}');
  });
});
