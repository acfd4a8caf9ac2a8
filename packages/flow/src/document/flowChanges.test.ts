import { describe, expect, it } from 'vitest';
import { describeFlowChange } from './describeFlowChange.ts';
import { type ComparedDocument, flowChanges } from './flowChanges.ts';

interface EditableDocument {
  nodes: { id: string; kind: string; label: string; options: Record<string, unknown> }[];
  edges: { source: string; port: string; target: string }[];
}

/** Start → answer → menu (Sales, Support) → play → hang up, as a published version has it. */
function published(): EditableDocument {
  return {
    nodes: [
      { id: 'start', kind: 'start', label: '', options: {} },
      { id: 'answer-1', kind: 'answer', label: '', options: {} },
      {
        id: 'menu-1',
        kind: 'menu',
        label: 'Main menu',
        options: {
          prompts: [{ type: 'sound', name: 'hello-world' }],
          choices: [
            { digit: '1', label: 'Sales' },
            { digit: '2', label: 'Support' },
          ],
          timeoutSeconds: 5,
        },
      },
      {
        id: 'play-1',
        kind: 'play',
        label: 'Sales message',
        options: { prompts: [{ type: 'digits', value: '1' }] },
      },
      { id: 'hangup-1', kind: 'hangup', label: '', options: {} },
    ],
    edges: [
      { source: 'start', port: 'next', target: 'answer-1' },
      { source: 'answer-1', port: 'next', target: 'menu-1' },
      { source: 'menu-1', port: '1', target: 'play-1' },
      { source: 'play-1', port: 'next', target: 'hangup-1' },
    ],
  };
}

const words = (draft: ComparedDocument, version: ComparedDocument = published()) =>
  flowChanges(draft, version).map(describeFlowChange);

describe('flowChanges', () => {
  it('finds nothing when the draft is what is live, nodes moved on the canvas or defaults spelt out', () => {
    const draft = published();
    const moved = draft.nodes.map((node) => ({ ...node, position: { x: 400, y: 900 } }));
    // The version has every default filled in; a draft may leave them out, or the other way round.
    const menu = moved[2];
    if (menu === undefined) throw new Error('no menu');
    menu.options = { ...menu.options, retries: 2, bargeIn: true };
    expect(flowChanges({ ...draft, nodes: moved, edges: [...draft.edges].reverse() }, published())).toEqual(
      [],
    );
  });

  it('names an added node by its label, or by its kind and what it does when it has none', () => {
    const draft = published();
    draft.nodes.push(
      { id: 'play-2', kind: 'play', label: 'Support message', options: { prompts: [] } },
      { id: 'play-3', kind: 'play', label: '', options: { prompts: [{ type: 'digits', value: '42' }] } },
    );
    expect(flowChanges(draft, published())).toEqual([
      { type: 'added', nodeId: 'play-2', name: 'Support message' },
      { type: 'added', nodeId: 'play-3', name: expect.stringMatching(/^Play/) },
    ]);
    expect(words(draft)[0]).toBe('Added “Support message”');
  });

  it('says which settings of a node changed, by their form titles, even when they are half filled in', () => {
    const draft = published();
    const menu = draft.nodes[2];
    if (menu === undefined) throw new Error('no menu');
    // A cleared required field and an out-of-range timeout: the draft does not parse, and still compares.
    menu.options = { ...menu.options, prompts: [], timeoutSeconds: 9999 };
    expect(words(draft)).toEqual(['Changed “Main menu”: Prompts, Timeout (seconds)']);
  });

  it('says a node was renamed, under its new name', () => {
    const draft = published();
    const play = draft.nodes[3];
    if (play === undefined) throw new Error('no play');
    play.label = 'Sales team';
    expect(words(draft)).toEqual(['Changed “Sales team”: Label']);
  });

  it('names a removed node as the version called it, and says where connections changed', () => {
    const draft = published();
    draft.nodes.splice(3, 1);
    draft.edges = draft.edges.filter((edge) => edge.source !== 'play-1' && edge.target !== 'play-1');
    expect(words(draft)).toEqual(['Removed “Sales message”', 'Connections changed at “Main menu”']);
  });

  it('sees a connection moved to another outcome or another node', () => {
    const draft = published();
    draft.edges = draft.edges.map((edge) =>
      edge.source === 'menu-1'
        ? { ...edge, port: '2' }
        : edge.source === 'answer-1'
          ? { ...edge, target: 'hangup-1' }
          : edge,
    );
    expect(flowChanges(draft, published())).toEqual([
      { type: 'connections', nodeId: 'answer-1', name: 'Answer' },
      { type: 'connections', nodeId: 'menu-1', name: 'Main menu' },
    ]);
  });

  it('takes a node whose kind changed under the same id for another node', () => {
    const draft = published();
    draft.nodes[4] = { id: 'hangup-1', kind: 'answer', label: 'Odd', options: {} };
    expect(words(draft)).toEqual(['Added “Odd”', expect.stringMatching(/^Removed “Hang up/)]);
  });
});
