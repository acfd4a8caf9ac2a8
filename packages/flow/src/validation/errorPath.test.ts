import { describe, expect, it } from 'vitest';
import { flowDocument } from '../document/FlowDocument.ts';
import { nodeKinds } from '../nodes/nodeKinds.ts';
import { testFlow } from '../testing/testFlow.ts';
import { FlowGraph } from './FlowGraph.ts';
import { validateFlow } from './validateFlow.ts';

const start = { id: 'start', kind: 'start' };
const play = { id: 'play', kind: 'play', options: { prompts: [{ type: 'sound', name: 'hello-world' }] } };
const lookup = { id: 'lookup', kind: 'httpLookup', options: { url: 'https://crm.example.com/a' } };
const sorry = {
  id: 'sorry',
  kind: 'play',
  options: { prompts: [{ type: 'sound', name: 'an-error-has-occurred' }] },
};
const bye = { id: 'bye', kind: 'hangup' };

/** start → play → bye, and `wires` more. */
const flowWith = (wires: string[], nodes = [start, play, sorry, bye]) =>
  testFlow(nodes, ['start -> play -> bye', ...wires]);

const graphOf = (document: unknown) => new FlowGraph(flowDocument.parse(document));

const problemCodes = (document: unknown) =>
  validateFlow(document).problems.map((p) => `${p.code}:${p.nodeId ?? ''}`);

describe("the flow's On error path", () => {
  it("leads a failure whose error port is not connected to where Start's error port leads", () => {
    const graph = graphOf(flowWith(['start.error -> sorry', 'sorry -> bye']));
    expect(graph.hasErrorPath).toBe(true);
    expect(graph.nodeAfterFailure('play', 'error')?.id).toBe('sorry');
    // Other ports that lead nowhere still end the call.
    expect(graph.nodeAfterFailure('sorry', 'next')?.id).toBe('bye');
    expect(graph.nodeAfterFailure('bye', 'ended')).toBeUndefined();
  });

  it("keeps a node's own error connection over the flow's", () => {
    const graph = graphOf(flowWith(['start.error -> sorry', 'play.error -> bye']));
    expect(graph.nodeAfterFailure('play', 'error')?.id).toBe('bye');
  });

  it("leads nowhere without Start's error connection, and Start's own error port never leads to itself", () => {
    const graph = graphOf(flowWith([]));
    expect(graph.hasErrorPath).toBe(false);
    expect(graph.nodeAfterFailure('play', 'error')).toBeUndefined();
    expect(graph.nodeAfterFailure('start', 'error')).toBeUndefined();
  });

  it("gives no warning for unconnected error ports when Start's On error is connected", () => {
    const document = flowWith(['start.error -> sorry', 'sorry -> bye']);
    expect(validateFlow(document).problems).toEqual([]);
  });

  it('warns once, on Start, when failures have nowhere to go, saying what happens and what to do', () => {
    const document = testFlow(
      [start, play, lookup, bye],
      ['start -> play -> lookup', 'lookup.success -> bye', 'lookup.timeout -> bye'],
    );
    const result = validateFlow(document);
    expect(result.ok).toBe(true);
    // Two unconnected error ports (play's, the lookup's), one warning; other ports keep theirs.
    expect(problemCodes(document)).toEqual(['no-error-path:start']);
    const [warning] = result.problems;
    expect(warning).toMatchObject({ severity: 'warning', path: 'nodes.0' });
    expect(warning?.message).toMatch(/the call hangs up/);
    expect(warning?.message).toMatch(/Connect Start’s “On error”/);
    // Only “Failed” outcomes fall back to On error: the words must not promise it for the others.
    expect(warning?.message).toMatch(/Only “Failed” outcomes go there/);
    expect(warning?.message).toMatch(/“Could not call”/);
    expect(nodeKinds.start.help.outcomes.error).toMatch(/Only “Failed” comes here/);
    expect(nodeKinds.start.help.outcomes.error).toMatch(/“Could not call”/);
  });

  it('does not warn when every error port is connected, or when no node can fail', () => {
    expect(problemCodes(flowWith(['play.error -> bye'], [start, play, bye]))).toEqual([]);
    expect(problemCodes(testFlow([start, bye], ['start -> bye']))).toEqual([]);
  });

  it('does not count error ports of nodes no call reaches', () => {
    const document = testFlow([start, play, bye], ['start -> bye', 'play -> bye', 'play.error -> bye']);
    const unreachablePlay = testFlow([start, play, bye], ['start -> bye', 'play -> bye']);
    expect(problemCodes(document)).toEqual(['unreachable:play']);
    expect(problemCodes(unreachablePlay)).toEqual(['unreachable:play']);
  });

  it('reaches the nodes of the On error path from Start, so they are not unreachable', () => {
    const document = flowWith(['start.error -> sorry']);
    // sorry's own ports: next unconnected is warned about; its error goes nowhere (it is the path).
    expect(problemCodes(document)).toEqual(['unconnected-port:sorry']);
  });
});
