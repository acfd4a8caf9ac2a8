import { flowDocument, validateFlow } from '@callflow/flow';
import { describe, expect, it } from 'vitest';
import type { DraftDocument } from './DraftDocument.ts';
import { draftNodePorts } from './draftNodePorts.ts';
import {
  copySelection,
  type FlowEditorAction,
  type FlowEditorState,
  flowEditorReducer,
  HISTORY_LIMIT,
  initialEditorState,
} from './flowEditorReducer.ts';

const starter: DraftDocument = {
  schemaVersion: 1,
  nodes: [{ id: 'start', kind: 'start', label: '', position: { x: 0, y: 0 }, options: {} }],
  edges: [],
};

function run(state: FlowEditorState, ...actions: FlowEditorAction[]): FlowEditorState {
  return actions.reduce(flowEditorReducer, state);
}

const nodeIds = (state: FlowEditorState) => state.document.nodes.map((node) => node.id);

describe('flow editor state', () => {
  it('adds a node with its kind’s starter options, selected, as a valid flow document', () => {
    const state = run(initialEditorState(starter), {
      type: 'addNode',
      kind: 'menu',
      position: { x: 10, y: 20 },
    });
    expect(nodeIds(state)).toEqual(['start', 'menu-1']);
    expect([...state.selection.nodes]).toEqual(['menu-1']);
    expect(flowDocument.safeParse(state.document).success).toBe(true);
    const menu = state.document.nodes[1];
    if (menu === undefined) throw new Error('menu missing');
    expect(draftNodePorts(menu, state.document)).toEqual(['1', '2', 'timeout', 'invalid']);
  });

  it('gives each new node of a kind a fresh id', () => {
    const state = run(
      initialEditorState(starter),
      { type: 'addNode', kind: 'play', position: { x: 0, y: 0 } },
      { type: 'addNode', kind: 'play', position: { x: 0, y: 0 } },
    );
    expect(nodeIds(state)).toEqual(['start', 'play-1', 'play-2']);
  });

  it('connects a port to one target only: connecting it again moves the connection', () => {
    const state = run(
      initialEditorState(starter),
      { type: 'addNode', kind: 'answer', position: { x: 0, y: 0 } },
      { type: 'addNode', kind: 'hangup', position: { x: 0, y: 0 } },
      { type: 'connect', source: 'start', port: 'next', target: 'answer-1' },
      { type: 'connect', source: 'start', port: 'next', target: 'hangup-1' },
    );
    expect(state.document.edges).toEqual([
      { id: 'start.next', source: 'start', port: 'next', target: 'hangup-1' },
    ]);
  });

  it('refuses connections to the same node or to nodes that do not exist', () => {
    const before = run(initialEditorState(starter), {
      type: 'addNode',
      kind: 'answer',
      position: { x: 0, y: 0 },
    });
    expect(run(before, { type: 'connect', source: 'answer-1', port: 'next', target: 'answer-1' })).toBe(
      before,
    );
    expect(run(before, { type: 'connect', source: 'answer-1', port: 'next', target: 'nowhere' })).toBe(
      before,
    );
  });

  it('undoes and redoes changes in order, and a new change clears redo', () => {
    const added = run(
      initialEditorState(starter),
      { type: 'addNode', kind: 'answer', position: { x: 0, y: 0 } },
      { type: 'addNode', kind: 'hangup', position: { x: 0, y: 0 } },
    );
    const undone = run(added, { type: 'undo' });
    expect(nodeIds(undone)).toEqual(['start', 'answer-1']);
    expect(nodeIds(run(undone, { type: 'undo' }))).toEqual(['start']);
    expect(nodeIds(run(undone, { type: 'redo' }))).toEqual(['start', 'answer-1', 'hangup-1']);
    const branched = run(undone, { type: 'addNode', kind: 'play', position: { x: 0, y: 0 } });
    expect(branched.future).toEqual([]);
    expect(run(branched, { type: 'redo' })).toBe(branched);
  });

  it('makes a whole drag one undo step', () => {
    const added = run(initialEditorState(starter), {
      type: 'addNode',
      kind: 'answer',
      position: { x: 0, y: 0 },
    });
    const dragged = run(
      added,
      { type: 'beginDrag' },
      { type: 'moveNodes', positions: new Map([['answer-1', { x: 50, y: 0 }]]) },
      { type: 'moveNodes', positions: new Map([['answer-1', { x: 100, y: 40 }]]) },
      { type: 'endDrag' },
    );
    expect(dragged.document.nodes[1]?.position).toEqual({ x: 100, y: 40 });
    expect(dragged.past.length).toBe(added.past.length + 1);
    expect(run(dragged, { type: 'undo' }).document.nodes[1]?.position).toEqual({ x: 0, y: 0 });
  });

  it('records a click without movement as no change', () => {
    const added = run(initialEditorState(starter), {
      type: 'addNode',
      kind: 'answer',
      position: { x: 0, y: 0 },
    });
    const clicked = run(added, { type: 'beginDrag' }, { type: 'endDrag' });
    expect(clicked.past).toBe(added.past);
    expect(clicked.changeCount).toBe(added.changeCount);
  });

  it('merges quick edits of one node’s form into one undo step, but not edits of different nodes', () => {
    const added = run(
      initialEditorState(starter),
      { type: 'addNode', kind: 'setVariable', position: { x: 0, y: 0 } },
      { type: 'addNode', kind: 'hangup', position: { x: 0, y: 0 } },
    );
    const [, variable, hangup] = added.document.nodes;
    if (variable === undefined || hangup === undefined) throw new Error('nodes missing');
    const typed = run(
      added,
      { type: 'updateNode', node: { ...variable, options: { name: 'c', value: '' } }, at: 1000 },
      { type: 'updateNode', node: { ...variable, options: { name: 'ch', value: '' } }, at: 1200 },
      { type: 'updateNode', node: { ...variable, options: { name: 'cho', value: '' } }, at: 1400 },
      { type: 'updateNode', node: { ...hangup, label: 'Bye' }, at: 1500 },
    );
    expect(typed.past.length).toBe(added.past.length + 2);
    const oneBack = run(typed, { type: 'undo' });
    expect(oneBack.document.nodes[1]?.options).toEqual({ name: 'cho', value: '' });
    expect(run(oneBack, { type: 'undo' }).document.nodes[1]?.options).toEqual(variable.options);
  });

  it('deletes the selection with its connections but never the Start node', () => {
    const built = run(
      initialEditorState(starter),
      { type: 'addNode', kind: 'answer', position: { x: 0, y: 0 } },
      { type: 'connect', source: 'start', port: 'next', target: 'answer-1' },
      { type: 'selectAll' },
      { type: 'deleteSelection' },
    );
    expect(nodeIds(built)).toEqual(['start']);
    expect(built.document.edges).toEqual([]);
  });

  it('pastes copies with new ids, keeps connections among them, and leaves Start out', () => {
    const built = run(
      initialEditorState(starter),
      { type: 'addNode', kind: 'answer', position: { x: 0, y: 0 } },
      { type: 'addNode', kind: 'hangup', position: { x: 100, y: 0 } },
      { type: 'connect', source: 'start', port: 'next', target: 'answer-1' },
      { type: 'connect', source: 'answer-1', port: 'next', target: 'hangup-1' },
      { type: 'selectAll' },
    );
    const pasted = run(built, { type: 'paste', clipboard: copySelection(built), offset: { x: 40, y: 40 } });
    expect(nodeIds(pasted)).toEqual(['start', 'answer-1', 'hangup-1', 'answer-2', 'hangup-2']);
    expect(pasted.document.edges.filter((edge) => edge.source === 'answer-2')).toEqual([
      { id: 'answer-2.next', source: 'answer-2', port: 'next', target: 'hangup-2' },
    ]);
    expect(pasted.document.nodes[4]?.position).toEqual({ x: 140, y: 40 });
    expect([...pasted.selection.nodes]).toEqual(['answer-2', 'hangup-2']);
    expect(validateFlow(pasted.document).document).not.toBeNull();
  });

  it('ignores the same selection reported again (no re-render loop with the canvas)', () => {
    const selected = run(initialEditorState(starter), { type: 'select', nodes: ['start'], edges: [] });
    expect(run(selected, { type: 'select', nodes: ['start'], edges: [] })).toBe(selected);
  });

  it('applies the canvas’s select changes one by one, and a change to nothing is no change', () => {
    const built = run(initialEditorState(starter), {
      type: 'addNode',
      kind: 'answer',
      position: { x: 0, y: 0 },
    });
    const picked = run(built, {
      type: 'changeSelection',
      nodes: [
        { id: 'answer-1', selected: false },
        { id: 'start', selected: true },
      ],
      edges: [{ id: 'start.next', selected: true }],
    });
    expect([...picked.selection.nodes]).toEqual(['start']);
    expect([...picked.selection.edges]).toEqual(['start.next']);
    const unchanged = run(picked, {
      type: 'changeSelection',
      nodes: [{ id: 'start', selected: true }],
      edges: [],
    });
    expect(unchanged).toBe(picked);
  });

  it('keeps at most the history limit of undo steps', () => {
    let state = initialEditorState(starter);
    for (let i = 0; i < HISTORY_LIMIT + 20; i++)
      state = run(state, { type: 'addNode', kind: 'answer', position: { x: i, y: 0 } });
    expect(state.past.length).toBe(HISTORY_LIMIT);
  });

  it('keeps ports with connections while a node’s options are half filled in', () => {
    const built = run(
      initialEditorState(starter),
      { type: 'addNode', kind: 'menu', position: { x: 0, y: 0 } },
      { type: 'addNode', kind: 'hangup', position: { x: 0, y: 0 } },
      { type: 'connect', source: 'menu-1', port: '1', target: 'hangup-1' },
    );
    const menu = built.document.nodes[1];
    if (menu === undefined) throw new Error('menu missing');
    const cleared = run(built, {
      type: 'updateNode',
      node: { ...menu, options: { ...menu.options, prompts: [] } },
      at: 0,
    });
    expect(flowDocument.safeParse(cleared.document).success).toBe(false);
    expect(draftNodePorts(cleared.document.nodes[1] ?? menu, cleared.document)).toEqual(['1']);
  });

  it('moves a choice’s connection with it when its digit changes, and undo puts it back', () => {
    const built = run(
      initialEditorState(starter),
      { type: 'addNode', kind: 'menu', position: { x: 0, y: 0 } },
      { type: 'addNode', kind: 'hangup', position: { x: 0, y: 0 } },
      { type: 'connect', source: 'menu-1', port: '1', target: 'hangup-1' },
    );
    const menu = built.document.nodes[1];
    if (menu === undefined) throw new Error('menu missing');
    const choices = [
      { digit: '3', label: 'Sales' },
      { digit: '2', label: 'Support' },
    ];
    const changed = run(built, {
      type: 'updateNode',
      node: { ...menu, options: { ...menu.options, choices } },
      at: 0,
    });
    expect(changed.document.edges.map((edge) => `${edge.source}.${edge.port} -> ${edge.target}`)).toEqual([
      'menu-1.3 -> hangup-1',
    ]);
    expect(run(changed, { type: 'undo' }).document.edges.map((edge) => edge.port)).toEqual(['1']);
  });
});
