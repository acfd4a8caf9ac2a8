import { nodeKinds } from '@callflow/flow';
import { flow, sound } from '../../harness/flowBuilder.ts';

// The flow: a breadth-first tree from Start → Answer → main menu. Each node's main outcomes lead to new
// nodes; the failure outcomes (menu timeout/invalid, lookup error/timeout, dial busy/noanswer/...,
// play error) go to the "sorry" announcement of the nearest menu above, which hangs up. When the
// budget of 500 nodes is reached the remaining open outcomes end in Hang up nodes.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
interface GeneratedNode {
  id: string;
  kind: string;
  label: string;
  depth: number;
  options: { [key: string]: Json };
}
interface OpenPort {
  source: string;
  port: string;
  /** The kind of the node the port belongs to (its follow-up depends on it). */
  after: string;
  depth: number;
  /** The nearest menu's "sorry" node, where failure outcomes go. */
  fallback: string;
  /** Whether an HTTP lookup above set vars.vip (conditions test it). */
  looked: boolean;
}

export function generateFlow(total: number) {
  const nodes: GeneratedNode[] = [];
  const wires: string[] = [];
  const queue: OpenPort[] = [];
  const counters = new Map<string, number>();
  const add = (kind: string, label: string, depth: number, options: GeneratedNode['options']): string => {
    const count = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, count);
    const id = `${kind}-${count}`;
    nodes.push({ id, kind, label: `${label} ${count}`, depth, options });
    return id;
  };
  const connect = (source: string, port: string, target: string) => {
    wires.push(`${source}.${port} -> ${target}`);
  };

  const addMenu = (depth: number, choices: number): { id: string; fallback: string } => {
    const id = add('menu', 'Menu', depth, {
      prompts: [sound('vm-enter-num-to-call')],
      choices: Array.from({ length: choices }, (_, index) => ({
        digit: String(index + 1),
        label: ['Sales', 'Support', 'Billing', 'Opening hours'][index] ?? '',
      })),
      timeoutSeconds: 5,
      retries: 2,
    });
    const sorry = add('play', 'Sorry', depth + 1, { prompts: [sound('sorry-youre-having-problems')] });
    const bye = add('hangup', 'Goodbye', depth + 2, { cause: 'normal' });
    connect(sorry, 'next', bye);
    connect(sorry, 'error', bye);
    connect(id, 'timeout', sorry);
    connect(id, 'invalid', sorry);
    return { id, fallback: sorry };
  };

  const start = add('start', 'Start', 0, {});
  const answer = add('answer', 'Answer', 1, {});
  connect(start, 'next', answer);
  const root = addMenu(2, 4);
  connect(answer, 'next', root.id);
  for (let digit = 1; digit <= 4; digit++)
    queue.push({
      source: root.id,
      port: String(digit),
      after: 'menu',
      depth: 2,
      fallback: root.fallback,
      looked: false,
    });

  // What follows each kind of outcome, in rotation.
  const followUps: Record<string, readonly string[]> = {
    menu: ['play', 'httpLookup', 'menu', 'dial', 'setVariable', 'condition'],
    play: ['menu', 'dial', 'httpLookup', 'hangup'],
    setVariable: ['httpLookup', 'dial'],
    httpLookup: ['condition'],
    'condition.true': ['dial', 'menu', 'play'],
    'condition.false': ['play', 'hangup', 'menu'],
  };
  const turns = new Map<string, number>();
  for (let open = queue.shift(); open !== undefined; open = queue.shift()) {
    // Every open outcome becomes one node, so the flow ends with as many nodes as made plus still open.
    const remaining = total - (nodes.length + queue.length + 1);
    const choices = 2 + (nodes.length % 3);
    // How many nodes a kind adds to the final count: its new open outcomes plus the nodes it makes
    // itself (a menu its "sorry" and hang-up, a dial its hang-up); a hang-up adds none.
    const growth = (kind: string): number =>
      kind === 'hangup' ? 0 : kind === 'condition' ? 2 : kind === 'menu' ? choices + 2 : 1;
    const key = open.after === 'condition' ? `condition.${open.port}` : open.after;
    const rotation = followUps[key] ?? ['hangup'];
    const turn = turns.get(key) ?? 0;
    turns.set(key, turn + 1);
    let kind = rotation[turn % rotation.length] ?? 'hangup';
    if (growth(kind) > remaining) kind = remaining >= 1 ? 'play' : 'hangup';
    const depth = open.depth + 1;
    const from = open;
    let id = '';
    const next = (port: string, after: string, extra: Partial<OpenPort> = {}) =>
      queue.push({ ...from, source: id, port, after, depth, ...extra });
    switch (kind) {
      case 'menu': {
        const menu = addMenu(depth, choices);
        id = menu.id;
        for (let digit = 1; digit <= choices; digit++)
          next(String(digit), 'menu', { fallback: menu.fallback, looked: false });
        break;
      }
      case 'play':
        id = add('play', 'Announcement', depth, { prompts: [sound('queue-thankyou')] });
        connect(id, 'error', open.fallback);
        next('next', 'play');
        break;
      case 'setVariable':
        id = add('setVariable', 'Department', depth, { name: 'department', value: 'dept-{{menu.digit}}' });
        next('next', 'setVariable');
        break;
      case 'httpLookup':
        id = add('httpLookup', 'CRM lookup', depth, {
          url: 'https://crm.example.com/lookup?caller={{caller.number}}',
          timeoutSeconds: 3,
          fields: [{ variable: 'vip', path: 'customer.vip' }],
        });
        connect(id, 'error', open.fallback);
        connect(id, 'timeout', open.fallback);
        next('success', 'httpLookup', { looked: true });
        break;
      case 'condition':
        id = add(
          'condition',
          open.looked ? 'VIP?' : 'UK caller?',
          depth,
          open.looked
            ? { left: '{{vars.vip}}', operator: 'equals', right: 'true' }
            : { left: '{{caller.number}}', operator: 'matches', right: '^\\+?44' },
        );
        next('true', 'condition');
        next('false', 'condition');
        break;
      case 'dial': {
        const options = { endpoint: `PJSIP/${1000 + nodes.length}`, timeoutSeconds: 20 };
        id = add('dial', 'Agent', depth, options);
        const done = add('hangup', 'After the call', depth + 1, { cause: 'normal' });
        // An answered call ends; every other way the dial can end (its definition's ports) says sorry.
        for (const port of nodeKinds.dial.ports(nodeKinds.dial.options.parse(options)))
          connect(id, port, port === 'answered' ? done : open.fallback);
        break;
      }
      default:
        id = add('hangup', 'Hang up', depth, { cause: 'normal' });
    }
    connect(open.source, open.port, id);
  }
  if (nodes.length !== total) throw new Error(`generated ${nodes.length} nodes instead of ${total}`);

  // A grid filled column by column in breadth-first order (by depth, then as made), so calls flow left to
  // right and the whole flow is about as wide as tall: it fits a 1280×800 window above the editor's
  // minimum zoom (0.1). Cells leave room for the tallest nodes (a 4-choice menu, ~190 px).
  const ROWS = 22;
  const COLUMN_WIDTH = 250;
  const ROW_HEIGHT = 210;
  const ordered = [...nodes].sort((a, b) => a.depth - b.depth);
  const positions = new Map(
    ordered.map((node, index) => [
      node.id,
      { x: Math.floor(index / ROWS) * COLUMN_WIDTH, y: (index % ROWS) * ROW_HEIGHT },
    ]),
  );
  const document = flow(
    nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? { x: 0, y: 0 } })),
    wires,
  );
  const kinds = new Map<string, number>();
  for (const node of nodes) kinds.set(node.kind, (kinds.get(node.kind) ?? 0) + 1);
  return {
    document,
    kinds,
    depth: Math.max(...nodes.map((node) => node.depth)),
    width: Math.ceil(total / ROWS) * COLUMN_WIDTH,
    height: ROWS * ROW_HEIGHT,
  };
}
