import { describe, expect, it } from 'vitest';
import { makeCall, makeLiveCall, makeStep } from '../calls/testing/callFixtures.ts';
import { callTrace } from './callTrace.ts';
import type { DraftDocument } from './DraftDocument.ts';

const node = (id: string, kind: 'start' | 'menu' | 'play' | 'hangup') => ({
  id,
  kind,
  label: '',
  position: { x: 0, y: 0 },
  options: {},
});
const document: DraftDocument = {
  schemaVersion: 1,
  nodes: [node('start', 'start'), node('menu', 'menu'), node('sales', 'play'), node('support', 'play')],
  edges: [
    { id: 'e1', source: 'start', port: 'next', target: 'menu' },
    { id: 'e2', source: 'menu', port: '1', target: 'sales' },
    { id: 'e3', source: 'menu', port: '2', target: 'support' },
    { id: 'e4', source: 'menu', port: 'invalid', target: 'menu' },
  ],
};

describe('a call’s path on the canvas', () => {
  it('marks the nodes an ended call went through, with time spent, and the connections it took', () => {
    const trace = callTrace(
      document,
      [
        makeStep({ seq: 1, nodeId: 'start', port: 'next', durationMs: 0 }),
        makeStep({ seq: 2, nodeId: 'menu', port: 'invalid', durationMs: 3000 }),
        makeStep({ seq: 3, nodeId: 'menu', port: '2', durationMs: 1500 }),
        makeStep({ seq: 4, nodeId: 'support', port: 'next', durationMs: 800 }),
      ],
      makeCall(),
      Date.parse('2026-03-02T10:05:00Z'),
    );
    expect(Object.fromEntries(trace.nodes)).toEqual({
      start: { visits: 1, totalMs: 0, current: false },
      menu: { visits: 2, totalMs: 4500, current: false },
      support: { visits: 1, totalMs: 800, current: false },
    });
    expect([...trace.edges].sort()).toEqual(['e1', 'e3', 'e4']);
  });

  it('follows a live call into the node it is in now, with the time running', () => {
    const trace = callTrace(
      document,
      [makeStep({ seq: 1, nodeId: 'start', port: 'next', durationMs: 2 })],
      makeLiveCall({ currentNodeId: 'menu', currentNodeSince: '2026-03-02T10:00:00.000Z' }),
      Date.parse('2026-03-02T10:00:04Z'),
    );
    expect(trace.nodes.get('menu')).toEqual({ visits: 1, totalMs: 4000, current: true });
    expect([...trace.edges]).toEqual(['e1']);
  });

  it('does not mark a current node once the call has ended', () => {
    const trace = callTrace(
      document,
      [],
      makeCall({ currentNodeId: 'menu', currentNodeSince: '2026-03-02T10:00:00.000Z' }),
      0,
    );
    expect(trace.nodes.size).toBe(0);
  });
});
