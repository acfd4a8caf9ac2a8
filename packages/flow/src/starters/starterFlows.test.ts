import { describe, expect, it } from 'vitest';
import { portsOf } from '../validation/FlowGraph.ts';
import { validateFlow } from '../validation/validateFlow.ts';
import { blankFlow } from './blankFlow.ts';
import { starterFlows } from './starterFlows.ts';

describe('starter flows', () => {
  it.each(starterFlows.map((starter) => [starter.title, starter] as const))(
    '“%s” validates with no error and no warning',
    (_title, starter) => {
      const validation = validateFlow(starter.document);
      expect(validation.problems).toEqual([]);
      expect(validation.ok).toBe(true);
    },
  );

  it.each(starterFlows.map((starter) => [starter.title, starter] as const))(
    '“%s” labels every node and wires Start’s On error path to a goodbye',
    (_title, starter) => {
      expect(starter.document.nodes.filter((node) => node.label.trim() === '')).toEqual([]);
      const onError = starter.document.edges.find((edge) => edge.source === 'start' && edge.port === 'error');
      const sorry = starter.document.nodes.find((node) => node.id === onError?.target);
      expect(sorry?.kind).toBe('play');
      expect(starter.document.edges.find((edge) => edge.source === sorry?.id)?.target).toBe('sorry-hangup');
    },
  );

  it('has unique ids, a one-line description and no card over another', () => {
    expect(new Set(starterFlows.map((starter) => starter.id)).size).toBe(starterFlows.length);
    for (const starter of starterFlows) {
      expect(starter.description).not.toMatch(/\n/);
      expect(starter.description.length).toBeLessThanOrEqual(160);
      // Cards are 200 px wide, 58 px high plus 22 px an outcome (the editor's nodeSize), 20 px apart.
      const boxes = starter.document.nodes.map((node) => ({
        id: node.id,
        ...node.position,
        height: 58 + portsOf(node).length * 22 + 5,
      }));
      const overlapping = boxes.flatMap((box, index) =>
        boxes
          .slice(index + 1)
          .filter(
            (other) =>
              Math.abs(box.x - other.x) < 220 &&
              (box.y <= other.y ? other.y - box.y < box.height + 20 : box.y - other.y < other.height + 20),
          )
          .map((other) => `${box.id}/${other.id}`),
      );
      expect(overlapping, starter.title).toEqual([]);
    }
  });

  it('offers the kinds a company menu needs', () => {
    const kinds = new Set<string>(
      starterFlows.flatMap((starter) => starter.document.nodes.map((node) => node.kind)),
    );
    for (const kind of ['timeOfDay', 'menu', 'dial', 'record', 'collectDigits', 'httpLookup', 'setLanguage'])
      expect(kinds.has(kind), kind).toBe(true);
  });
});

describe('the blank flow', () => {
  it('is Start with its On error path wired: only Start’s “next” is left to connect', () => {
    const problems = validateFlow(blankFlow).problems;
    expect(problems.map((problem) => [problem.code, problem.nodeId])).toEqual([
      ['unconnected-port', 'start'],
    ]);
  });
});
