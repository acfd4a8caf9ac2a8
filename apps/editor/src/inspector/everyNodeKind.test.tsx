import { nodeKindNames, nodeKinds } from '@callflow/flow';
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { optionFields } from './optionFields.ts';
import { draftNode, renderInspector } from './renderInspector.tsx';

afterEach(() => vi.unstubAllGlobals());

describe.each(nodeKindNames)('the %s form', (kind) => {
  it('renders the starter options with a label for every option', () => {
    const errors = vi.spyOn(console, 'error');
    renderInspector(draftNode(kind, structuredClone(nodeKinds[kind].starterOptions)));
    expect(screen.getByRole('heading', { name: nodeKinds[kind].title })).toBeTruthy();
    for (const field of optionFields(kind))
      expect(screen.getAllByLabelText(field.title).length).toBeGreaterThan(0);
    // Starter options are valid, so the outcomes are known.
    expect(screen.getByRole('region', { name: 'Outcomes' }).textContent).not.toContain('Shown once');
    // React reports controlled/uncontrolled switches and key problems on console.error.
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('renders empty options and accepts an edit of every simple field without throwing', () => {
    const view = renderInspector(draftNode(kind, {}));
    for (const input of screen.queryAllByRole('textbox')) fireEvent.change(input, { target: { value: 'x' } });
    for (const input of screen.queryAllByRole('spinbutton'))
      fireEvent.change(input, { target: { value: '' } });
    for (const box of screen.queryAllByRole('checkbox')) fireEvent.click(box);
    expect(view.changes.every((node) => node.kind === kind && node.id === 'n1')).toBe(true);
  });
});
