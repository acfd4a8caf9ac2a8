import { describe, expect, it } from 'vitest';
import type { DraftDocument, DraftNode } from './DraftDocument.ts';
import { draftNodePorts } from './draftNodePorts.ts';

const start: DraftNode = { id: 'start', kind: 'start', label: '', position: { x: 0, y: 0 }, options: {} };
const halfTypedMenu: DraftNode = {
  id: 'menu-1',
  kind: 'menu',
  label: '',
  position: { x: 200, y: 0 },
  options: { choices: 'not a list yet' },
};

describe('draftNodePorts', () => {
  it('lists the ports from the options, then the ports a half-typed node still has connections on', () => {
    const document: DraftDocument = {
      schemaVersion: 1,
      nodes: [start, halfTypedMenu],
      edges: [
        { id: 'e1', source: 'start', port: 'next', target: 'menu-1' },
        { id: 'e2', source: 'menu-1', port: '2', target: 'start' },
      ],
    };
    expect(draftNodePorts(start, document)).toEqual(['next', 'error']);
    expect(draftNodePorts(halfTypedMenu, document)).toEqual(['2']);
  });

  it('follows the connections of the document it is given, not of an earlier one', () => {
    const before: DraftDocument = { schemaVersion: 1, nodes: [start, halfTypedMenu], edges: [] };
    const after: DraftDocument = {
      ...before,
      edges: [{ id: 'e3', source: 'menu-1', port: 'timeout', target: 'start' }],
    };
    expect(draftNodePorts(halfTypedMenu, before)).toEqual([]);
    expect(draftNodePorts(halfTypedMenu, after)).toEqual(['timeout']);
    expect(draftNodePorts(halfTypedMenu, before)).toEqual([]);
  });
});
