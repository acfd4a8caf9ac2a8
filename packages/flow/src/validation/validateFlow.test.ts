import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateFlow } from './validateFlow.ts';

const fixture = (): {
  nodes: Record<string, unknown>[];
  edges: Record<string, unknown>[];
  schemaVersion: number;
} => JSON.parse(readFileSync(new URL('../../test/fixtures/sales-support.json', import.meta.url), 'utf8'));

const codes = (input: unknown) =>
  validateFlow(input).problems.map((p) => `${p.severity}:${p.code}:${p.nodeId ?? ''}`);

describe('validateFlow', () => {
  it('accepts a complete flow without problems and fills in option defaults', () => {
    const result = validateFlow(fixture());
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    const menu = result.document?.nodes.find((node) => node.id === 'menu');
    expect(menu?.kind === 'menu' && menu.options.timeoutSeconds).toBe(5);
  });

  it('names the node and the known kinds for an unknown kind', () => {
    const flow = fixture();
    flow.nodes.push({ id: 'x', kind: 'teleport', options: {} });
    const [problem] = validateFlow(flow).problems;
    expect(problem).toMatchObject({ severity: 'error', code: 'unknown-kind', nodeId: 'x' });
    expect(problem?.message).toBe(
      'A node is of a kind this Callflow does not have (“teleport”): replace it with one from the palette: Start, Answer, Play, Record, Menu, Collect digits, Conference bridge, Dial, Set device state, HTTP lookup, Set variable, Set language, Condition, Time of day, Hang up',
    );
  });

  it('reports unknown fields with their path', () => {
    const flow = fixture();
    flow.nodes[2] = { ...flow.nodes[2], color: 'red' };
    const [problem] = validateFlow(flow).problems;
    expect(problem).toMatchObject({ code: 'invalid-field', nodeId: 'menu', path: 'nodes.2' });
    expect(problem?.message).toMatch(/color/);
  });

  it('reports a bad option value on its field', () => {
    const flow = fixture();
    flow.nodes[2] = { ...flow.nodes[2], options: { prompts: [], choices: [{ digit: 'x' }] } };
    const problems = validateFlow(flow).problems;
    expect(problems.map((p) => p.path)).toEqual([
      'nodes.2.options.prompts',
      'nodes.2.options.choices.0.digit',
    ]);
    expect(problems.every((p) => p.nodeId === 'menu')).toBe(true);
  });

  it('requires exactly one start', () => {
    const flow = fixture();
    expect(codes({ ...flow, nodes: flow.nodes.slice(1), edges: [] })).toContain('error:no-start:');
    flow.nodes.push({ id: 'start2', kind: 'start', options: {} });
    expect(codes(flow)).toContain('error:several-starts:start2');
  });

  it('reports edges to missing nodes, unknown ports and ports used twice', () => {
    const flow = fixture();
    flow.edges.push({ id: 'e20', source: 'menu', port: '7', target: 'bye' });
    flow.edges.push({ id: 'e21', source: 'bye', port: 'next', target: 'nowhere' });
    flow.edges.push({ id: 'e22', source: 'ghost', port: 'next', target: 'bye' });
    flow.edges.push({ id: 'e23', source: 'sales', port: 'next', target: 'menu' });
    const result = validateFlow(flow);
    expect(result.ok).toBe(false);
    expect(codes(flow)).toEqual(
      expect.arrayContaining([
        'error:unknown-port:menu',
        'error:unknown-port:bye',
        'error:missing-target:bye',
        'error:missing-source:',
        'error:port-connected-twice:sales',
      ]),
    );
    const unknownPort = result.problems.find((p) => p.code === 'unknown-port' && p.nodeId === 'menu');
    expect(unknownPort?.message).toBe(
      'A connection leaves Menu “Main menu” from an outcome it does not have (“7”): connect one of its outcomes instead (“Sales”, “Support”, “No key pressed”, “Wrong key”) and delete this connection',
    );
  });

  it('warns about unreachable nodes and unconnected outcomes without failing', () => {
    const flow = fixture();
    flow.nodes.push({ id: 'orphan', kind: 'hangup', options: {} });
    flow.edges = flow.edges.filter((edge) => edge.id !== 'e5');
    const result = validateFlow(flow);
    expect(result.ok).toBe(true);
    expect(codes(flow)).toEqual(['warning:unconnected-port:menu', 'warning:unreachable:orphan']);
    expect(result.problems[0]?.message).toBe(
      'Menu “Main menu” › “No key pressed” is not connected: calls that take it hang up; connect it to what should happen next',
    );
  });

  it('refuses a loop where nothing waits for the caller but allows a menu loop', () => {
    const flow = fixture();
    flow.nodes.push({ id: 'v1', kind: 'setVariable', options: { name: 'a', value: '1' } });
    flow.nodes.push({ id: 'v2', kind: 'setVariable', options: { name: 'b', value: '2' } });
    flow.edges = flow.edges.filter((edge) => edge.id !== 'e5');
    flow.edges.push({ id: 'l1', source: 'menu', port: 'timeout', target: 'v1' });
    flow.edges.push({ id: 'l2', source: 'v1', port: 'next', target: 'v2' });
    flow.edges.push({ id: 'l3', source: 'v2', port: 'next', target: 'v1' });
    expect(codes(flow).filter((c) => c.includes('busy-loop'))).toHaveLength(1);

    const waiting = fixture();
    waiting.edges = waiting.edges.filter((edge) => edge.id !== 'e7');
    waiting.edges.push({ id: 'back', source: 'sales', port: 'next', target: 'menu' });
    expect(validateFlow(waiting).problems).toEqual([]);
  });

  it('finds a busy loop hidden inside a loop that also has a menu', () => {
    const flow = fixture();
    flow.nodes.push({ id: 'c1', kind: 'condition', options: { left: '1', operator: 'equals', right: '1' } });
    flow.nodes.push({ id: 'v1', kind: 'setVariable', options: { name: 'a', value: '1' } });
    flow.edges = flow.edges.filter((edge) => edge.id !== 'e7');
    flow.edges.push(
      { id: 'i1', source: 'sales', port: 'next', target: 'c1' },
      { id: 'i2', source: 'c1', port: 'true', target: 'v1' },
      { id: 'i3', source: 'v1', port: 'next', target: 'c1' },
      { id: 'i4', source: 'c1', port: 'false', target: 'menu' },
    );
    expect(codes(flow).filter((c) => c.startsWith('error:busy-loop'))).toHaveLength(1);
  });

  it('knows a variable set later in a loop at the loop head', () => {
    const flow = fixture();
    flow.nodes.push({
      id: 'count',
      kind: 'setVariable',
      options: { name: 'tries', value: 'x{{vars.tries}}' },
    });
    flow.edges = flow.edges.filter((edge) => edge.id !== 'e7');
    flow.edges.push(
      { id: 'l1', source: 'sales', port: 'next', target: 'count' },
      { id: 'l2', source: 'count', port: 'next', target: 'menu' },
    );
    flow.nodes[2] = {
      ...flow.nodes[2],
      options: {
        prompts: [{ type: 'digits', value: '{{vars.tries}}' }],
        choices: [{ digit: '1' }, { digit: '2' }],
      },
    };
    expect(validateFlow(flow).problems).toEqual([]);
  });

  it('flags malformed templates as errors and unknown variables as warnings', () => {
    const flow = fixture();
    flow.nodes[3] = {
      id: 'sales',
      kind: 'play',
      options: { prompts: [{ type: 'digits', value: '{{vars.acct}} {{ 1+1 }}' }] },
    };
    expect(codes(flow)).toEqual(['warning:unknown-variable:sales', 'error:bad-template:sales']);
  });

  it('knows variables set by earlier nodes only', () => {
    const flow = fixture();
    flow.nodes.push({ id: 'collect', kind: 'collectDigits', options: { variable: 'acct' } });
    flow.edges = flow.edges.map((edge) => (edge.id === 'e2' ? { ...edge, target: 'collect' } : edge));
    flow.edges.push(
      { id: 'c1', source: 'collect', port: 'next', target: 'menu' },
      { id: 'c2', source: 'collect', port: 'timeout', target: 'bye' },
    );
    flow.nodes[3] = {
      id: 'sales',
      kind: 'play',
      options: { prompts: [{ type: 'digits', value: '{{vars.acct}}{{caller.number}}' }] },
    };
    expect(validateFlow(flow).problems).toEqual([]);
  });

  it('checks option rules that the schema cannot express', () => {
    const flow = fixture();
    flow.nodes.push({
      id: 'cond',
      kind: 'condition',
      options: { left: '{{caller.number}}', operator: 'matches', right: '([' },
    });
    flow.edges.push(
      { id: 'x1', source: 'cond', port: 'true', target: 'bye' },
      { id: 'x2', source: 'cond', port: 'false', target: 'bye' },
    );
    expect(codes(flow)).toContain('error:invalid-option:cond');
  });

  it('never throws on arbitrary JSON and reports at least one error for non-documents', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateFlow(value);
        expect(result.ok).toBe(false);
        expect(result.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on mutated flows', () => {
    fc.assert(
      fc.property(fc.nat(9), fc.nat(9), fc.string(), fc.jsonValue(), (nodeIndex, edgeIndex, key, value) => {
        const flow = fixture();
        const node = flow.nodes[nodeIndex % flow.nodes.length];
        if (node) node.options = { ...(node.options as object), [key]: value };
        const edge = flow.edges[edgeIndex];
        if (edge) edge.target = key;
        const result = validateFlow(flow);
        for (const problem of result.problems) expect(problem.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('validateFlow and the call variable limit', () => {
  const withLookupFields = (count: number) => {
    const flow = fixture();
    for (let node = 0; node * 50 < count; node++)
      flow.nodes.push({
        id: `lookup${node}`,
        kind: 'httpLookup',
        options: {
          url: 'https://crm.example.com/q',
          fields: Array.from({ length: Math.min(50, count - node * 50) }, (_, i) => ({
            variable: `f${node}_${i}`,
            path: 'a',
          })),
        },
      });
    return flow;
  };

  it('warns when the flow names more variables than a call holds', () => {
    const problems = validateFlow(withLookupFields(250)).problems.filter(
      (p) => p.code === 'too-many-variables',
    );
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(/uses \d+ variables; a call holds at most 200/),
      }),
    ]);
  });

  it('says nothing about a flow within the limit', () => {
    expect(codes(withLookupFields(100))).not.toContainEqual(expect.stringContaining('too-many-variables'));
  });
});
