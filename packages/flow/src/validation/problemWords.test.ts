import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeKindOf } from '../nodes/nodeKindOf.ts';
import { type NodeKind, nodeKindNames, nodeKinds } from '../nodes/nodeKinds.ts';
import { testFlow } from '../testing/testFlow.ts';
import { validateFlow } from './validateFlow.ts';

const menu = (options: Record<string, unknown> = {}) => ({
  id: 'menu-7',
  kind: 'menu',
  label: 'Main menu',
  options: {
    prompts: [{ type: 'sound', name: 'hello-world' }],
    choices: [
      { digit: '1', label: 'Sales' },
      { digit: '2', label: 'Support' },
    ],
    ...options,
  },
});

const messagesOf = (input: unknown) => validateFlow(input).problems.map((problem) => problem.message);

const placed = (input: unknown) => validateFlow(input).problems.map((p) => `${p.path} | ${p.message}`);

describe('problems in the form’s words', () => {
  it('names a menu field by its labels and says which keys a choice may use', () => {
    const flow = testFlow(
      [{ id: 'start-1', kind: 'start' }, menu({ choices: [{ digit: '1' }, { digit: 'x' }] })],
      ['start-1 -> menu-7'],
    );
    expect(placed(flow)).toEqual([
      'nodes.1.options.choices.1.digit | Menu “Main menu”: Choices › choice 2 › Digit: choose one of 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, * or #',
    ]);
  });

  it('says a field’s own words once, after the prompt it is in', () => {
    const flow = testFlow(
      [{ id: 'start-1', kind: 'start' }, menu({ prompts: [{ type: 'recording', name: '' }] })],
      ['start-1 -> menu-7'],
    );
    expect(placed(flow)).toEqual([
      'nodes.1.options.prompts.0.name | Menu “Main menu”: Prompts › prompt 1 › Recording: name the recording',
    ]);
  });

  it('gives numbers their bounds and a missing field its need', () => {
    const flow = testFlow(
      [
        { id: 'start-1', kind: 'start' },
        menu({ retries: 1.5, timeoutSeconds: 0 }),
        { id: 'dial-3', kind: 'dial', options: {} },
      ],
      ['start-1 -> menu-7'],
    );
    expect(messagesOf(flow)).toEqual([
      'Menu “Main menu”: Timeout (seconds): use a number from 1 to 60',
      'Menu “Main menu”: Retries: use a whole number from 0 to 10',
      'Dial: Endpoint: fill this in',
    ]);
  });

  it('words problems of the whole document as sentences', () => {
    const flow = testFlow([{ id: 'start-1', kind: 'start' }], []);
    expect(messagesOf({ ...flow, hello: 1 })).toEqual([
      'The flow has a field “hello” that Callflow does not know: remove it',
    ]);
    expect(messagesOf({ ...flow, schemaVersion: 7 })).toEqual([
      'This file was made for flow format 7 by a newer Callflow; this Callflow reads format 1: upgrade Callflow to open it',
    ]);
    const teleport = { id: 'beam-2', kind: 'teleport', label: 'Beam me up', options: {} };
    expect(messagesOf({ ...flow, nodes: [...flow.nodes, teleport] })).toEqual([
      'The node “Beam me up” is of a kind this Callflow does not have (“teleport”): replace it with one from the palette: Start, Answer, Play, Record, Menu, Collect digits, Conference bridge, Dial, Set device state, HTTP lookup, Set variable, Set language, Condition, Time of day, Hang up',
    ]);
  });

  it('names an unconnected menu choice as the canvas shows it, and who it hangs up on', () => {
    const flow = testFlow(
      [{ id: 'start-1', kind: 'start' }, menu(), { id: 'bye-9', kind: 'hangup' }],
      ['start-1 -> menu-7', 'menu-7.2 -> bye-9', 'menu-7.timeout -> bye-9', 'menu-7.invalid -> bye-9'],
    );
    expect(messagesOf(flow)).toEqual([
      'Menu “Main menu” › “Sales” is not connected: callers who press 1 hang up; connect it to what should happen next',
    ]);
  });

  it('names the nodes of a busy loop by their names, not their ids', () => {
    const flow = testFlow(
      [
        { id: 'start-1', kind: 'start' },
        { id: 'set-a', kind: 'setVariable', label: 'Count', options: { name: 'a', value: '1' } },
        { id: 'set-b', kind: 'setVariable', label: 'Count again', options: { name: 'b', value: '2' } },
      ],
      ['start-1 -> set-a -> set-b -> set-a'],
    );
    expect(messagesOf(flow).filter((message) => message.includes('loop'))).toEqual([
      'Set variable “Count again” and Set variable “Count” make a loop in which nothing waits for the caller, so a call would go round it without end: add a step that waits (a Menu, Play or Collect digits) to the loop',
    ]);
  });
});

/** Ids no sentence would hold by chance: `zq` and four digits. */
const nodeIdArbitrary = fc.stringMatching(/^zq[0-9]{4}$/);
const junk = fc.oneof(
  fc.constantFrom('', 'x', '{{vars.account}}', '{{}}', '{{secrets.k}}', 'PJSIP/1001'),
  fc.integer({ min: -5, max: 5000 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(
    fc.record({ type: fc.constantFrom('sound', 'recording', 'say', 'library'), name: fc.constant('') }),
  ),
  fc.array(fc.record({ digit: fc.constantFrom('1', '2', 'x') })),
);
const optionsArbitrary = fc.dictionary(
  fc.constantFrom(
    'prompts',
    'choices',
    'timeoutSeconds',
    'retries',
    'endpoint',
    'name',
    'value',
    'url',
    'hello',
  ),
  junk,
  { maxKeys: 4 },
);
/** A node with junk options, or (mostly) its kind's starter options so validation reaches the graph. */
const nodeArbitrary = fc
  .record({
    id: nodeIdArbitrary,
    kind: fc.constantFrom(...nodeKindNames, 'teleport'),
    label: fc.constantFrom('', 'Main menu', 'Sales'),
    options: fc.option(optionsArbitrary, { freq: 3 }),
  })
  .map(({ options, ...node }) => ({
    ...node,
    options:
      options ?? (nodeKindOf(node.kind) === undefined ? {} : nodeKinds[node.kind as NodeKind].starterOptions),
  }));

describe('problem messages, whatever the document', () => {
  it('never hold a node id or a path such as nodes.4.options', () => {
    fc.assert(
      fc.property(
        fc.array(nodeArbitrary, { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(5), fc.constantFrom('next', '1', 'error', 'timeout', 'nope'), fc.nat(6))),
        (nodes, wires) => {
          const edges = wires.map(([from, port, to], i) => ({
            id: `edge${i}`,
            source: nodes[from % nodes.length]?.id ?? 'zq9999',
            port,
            target: nodes[to]?.id ?? 'zq9998',
          }));
          const ids = [...nodes.map((node) => node.id), 'zq9999', 'zq9998'];
          for (const input of [
            { schemaVersion: 1, nodes, edges },
            // Only starter options, so validation goes past the schema to the graph and the templates.
            {
              schemaVersion: 1,
              nodes: nodes.flatMap((node) =>
                nodeKindOf(node.kind) === undefined
                  ? []
                  : [{ ...node, options: nodeKinds[node.kind as NodeKind].starterOptions }],
              ),
              edges,
            },
          ])
            for (const { message } of validateFlow(input).problems) {
              for (const id of ids) expect(message).not.toContain(id);
              expect(message).not.toMatch(/\b(nodes|edges)\.\d|\boptions\.|\bdocument\./);
              expect(message).not.toMatch(/Invalid input|Invalid option|Too small|Too big|Unrecognized key/);
            }
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);
});
