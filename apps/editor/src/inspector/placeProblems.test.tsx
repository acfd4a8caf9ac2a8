import { validateFlow } from '@callflow/flow';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DraftDocument, DraftNode } from '../canvas/DraftDocument.ts';
import { fieldsForOptions } from './fieldsForOptions.ts';
import { placeProblems } from './placeProblems.ts';
import { renderInspector } from './renderInspector.tsx';

const mainMenu = (options: Record<string, unknown>): DraftNode => ({
  id: 'menu-7',
  kind: 'menu',
  label: 'Main menu',
  position: { x: 0, y: 0 },
  options: {
    prompts: [{ type: 'sound', name: 'hello-world' }],
    choices: [{ digit: '1', label: 'Sales' }],
    ...options,
  },
});

const flowOf = (node: DraftNode): DraftDocument => ({
  schemaVersion: 1,
  nodes: [{ id: 'start-1', kind: 'start', label: '', position: { x: 0, y: 0 }, options: {} }, node],
  edges: [{ id: 'e1', source: 'start-1', port: 'next', target: node.id }],
});

describe('problems in the inspector', () => {
  it('shows a field’s problem under the field without the node’s name or the field’s label', () => {
    const node = mainMenu({ choices: [{ digit: '1' }, { digit: 'x' }], timeoutSeconds: 0 });
    const { problems } = validateFlow(flowOf(node));
    expect(problems.map((problem) => problem.message)).toEqual([
      'Menu “Main menu”: Choices › choice 2 › Digit: choose one of 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, * or #',
      'Menu “Main menu”: Timeout (seconds): use a number from 1 to 60',
    ]);
    const placed = placeProblems(problems, node, 1, fieldsForOptions('menu', node.options));
    expect(placed.top).toEqual([]);
    expect(placed.byPath.get('options.choices.1.digit')?.map((problem) => problem.message)).toEqual([
      'choose one of 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, * or #',
    ]);
    // The path stays whole for programs.
    expect(placed.byPath.get('options.timeoutSeconds')?.[0]).toMatchObject({
      path: 'nodes.1.options.timeoutSeconds',
      message: 'use a number from 1 to 60',
    });

    renderInspector(node, { document: flowOf(node), nodeIndex: 1, problems });
    const timeout = screen.getByLabelText('Timeout (seconds)');
    expect(
      within(timeout.closest('.field') ?? document.body).getByText('use a number from 1 to 60'),
    ).toBeTruthy();
    expect(within(screen.getByLabelText('Choice 2')).getByText(/^choose one of 0, 1/)).toBeTruthy();
    expect(screen.queryByText(/Menu “Main menu”/)).toBeNull();
  });

  it('keeps the field’s label at the top when the form does not show the field, and drops the node’s name', () => {
    const node = mainMenu({});
    const problem = {
      severity: 'error' as const,
      code: 'invalid-field',
      message: 'Menu “Main menu”: Hidden › Setting: use a number',
      nodeId: 'menu-7',
      edgeId: null,
      path: 'nodes.1.options.hidden.setting',
    };
    const unconnected = validateFlow(flowOf(node)).problems.filter((p) => p.code === 'unconnected-port');
    const placed = placeProblems([problem, ...unconnected], node, 1, fieldsForOptions('menu', node.options));
    expect(placed.top.map((p) => p.message)).toEqual([
      'Hidden › Setting: use a number',
      'Menu “Main menu” › “Sales” is not connected: callers who press 1 hang up; connect it to what should happen next',
      'Menu “Main menu” › “No key pressed” is not connected: calls that take it hang up; connect it to what should happen next',
      'Menu “Main menu” › “Wrong key” is not connected: calls that take it hang up; connect it to what should happen next',
    ]);
  });
});
