type Position = { x: number; y: number };
type NodeInput = {
  id: string;
  kind: string;
  options?: Record<string, unknown>;
  label?: string;
  /** Where the node is on the canvas; default: one under the other. */
  position?: Position;
};

/** A flow document as tests write it (validated by whatever takes it: the catalog, the API). */
export interface TestFlow {
  schemaVersion: 1;
  nodes: { id: string; kind: string; label: string; position: Position; options: Record<string, unknown> }[];
  edges: { id: string; source: string; port: string; target: string }[];
}

/**
 * The one way the e2e tests and the benchmarks write flows: nodes plus `source.port -> target` wires.
 * `flow([start, answer, ...], ['start.next -> answer', 'answer.next -> menu'])`
 */
export function flow(nodes: NodeInput[], wires: string[]): TestFlow {
  return {
    schemaVersion: 1,
    nodes: nodes.map((node, index) => ({
      id: node.id,
      kind: node.kind,
      label: node.label ?? '',
      position: node.position ?? { x: 0, y: index * 120 },
      options: node.options ?? {},
    })),
    edges: wires.map((wire, index) => {
      const match = /^([\w-]+)\.(\S+)\s*->\s*([\w-]+)$/.exec(wire);
      if (match === null) throw new Error(`bad wire "${wire}": use "source.port -> target"`);
      const [, source = '', port = '', target = ''] = match;
      return { id: `e${index}`, source, port, target };
    }),
  };
}

export const sound = (name: string) => ({ type: 'sound' as const, name });

/** A sentence spoken by text-to-speech in the caller's language, e.g. `say('Your number is {{caller.number}}')`. */
export const say = (text: string) => ({
  type: 'say' as const,
  text,
  language: null,
  voice: null,
  translations: [],
});

/** "I'm sorry": the Play an On error path begins with. */
const sorryPlay: NodeInput = { id: 'sorry', kind: 'play', options: { prompts: [sound('im-sorry')] } };

/**
 * The flow's On error path: Start's "On error" port leads to the first of `nodes` (default: a Play
 * of im-sorry, then a hang-up, wired `next` one to the other). Spread both into a flow's:
 * `flow([...answered, ...path.nodes], [...answeredThen('x'), ...path.wires])`.
 */
export function onErrorPath(nodes: NodeInput[] = [sorryPlay, { id: 'sorry-bye', kind: 'hangup' }]): {
  nodes: NodeInput[];
  wires: string[];
} {
  const ids = nodes.map((node) => node.id);
  const chain = ids.slice(1).map((id, index) => `${ids[index]}.next -> ${id}`);
  return { nodes, wires: [`start.error -> ${ids[0]}`, ...chain] };
}

/** Start then Answer: how the test flows begin (wire them with `answeredThen`). */
export const answered: NodeInput[] = [
  { id: 'start', kind: 'start' },
  { id: 'answer', kind: 'answer' },
];

/** The wires from Start through Answer to the node `first`. */
export const answeredThen = (first: string): string[] => ['start.next -> answer', `answer.next -> ${first}`];

/** A menu `menu` that plays hello-world and waits `timeoutSeconds` for one of `digits`. */
export function helloMenu(digits: string[], timeoutSeconds: number, retries: number): NodeInput {
  return {
    id: 'menu',
    kind: 'menu',
    options: {
      prompts: [sound('hello-world')],
      choices: digits.map((digit) => ({ digit })),
      timeoutSeconds,
      retries,
    },
  };
}

/** A play node that says `digit` (a branch the caller can be heard to have taken). */
export const sayDigit = (id: string, digit: string): NodeInput => ({
  id,
  kind: 'play',
  options: { prompts: [{ type: 'digits', value: digit }] },
});

/** Start → Answer → `id` saying `digit` → the hang-up `byeId`: the shortest flow a caller is heard in. */
export const sayDigitFlow = (id: string, digit: string, byeId = 'bye'): TestFlow =>
  flow(
    [...answered, sayDigit(id, digit), { id: byeId, kind: 'hangup' }],
    [...answeredThen(id), `${id}.next -> ${byeId}`],
  );

/**
 * Start → Answer → an HTTP lookup `crm` with `options`: success goes to `found` (first of `found`,
 * wired on by `foundWires`), error to the hang-up `failed`, timeout to the hang-up `slow`.
 */
export function lookupFlow(
  options: Record<string, unknown>,
  found: NodeInput[],
  foundWires: string[] = [],
): TestFlow {
  return flow(
    [
      ...answered,
      { id: 'crm', kind: 'httpLookup', options },
      ...found,
      { id: 'failed', kind: 'hangup', options: { cause: 'normal' } },
      { id: 'slow', kind: 'hangup', options: { cause: 'normal' } },
    ],
    [
      ...answeredThen('crm'),
      `crm.success -> ${found[0]?.id}`,
      'crm.error -> failed',
      'crm.timeout -> slow',
      ...foundWires,
    ],
  );
}
