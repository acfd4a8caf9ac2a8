// The caller hangs up at every node kind; afterwards Asterisk has nothing left from the call.
//
// Kinds that wait for the caller or for someone else are held in the node itself and the caller
// hangs up there (the call log's last step is that node, "caller hung up"):
//   play           a ring tone, which plays until stopped
//   record         no silence or length limit within the call (60 s)
//   menu           hello-world played, then a 60 s wait for a digit: the caller hangs up in the wait
//   collectDigits  its prompt is a ring tone: the caller hangs up while it plays
//   bridge         alone in a named bridge with music on hold
//   dial           a callee that rings and never answers (sipp on 5093, PJSIP/callee-ring)
//   httpLookup     a local web service that never answers (30 s timeout)
// Kinds that do their work at once cannot hold a caller: a hangup arriving while one runs is seen
// at the next node. Each is followed by a play of a ring tone, and the caller hangs up there, right
// after the node ran (the call log shows the node with its port, then the play, "caller hung up"):
//   start, answer (the flow is start -> answer -> play), setDeviceState, setVariable, condition,
//   timeOfDay, setLanguage.
// hangup ends the call itself, so no caller is ever in it: the caller hangs up in the play just
// before it, and the test shows the hangup node never runs after the caller has gone.
//
// The table follows the node definitions: one row per kind (the compiler refuses a missing one), each
// node made as the editor adds it (its starter options) plus what the test needs, each held node's
// ports from its definition, and where the caller is held checked against `waitsForCaller`.

import { createServer, type Server } from 'node:http';
import { flowNode, type NodeKind, nodeKindNames, nodeKinds, portsOf } from '@callflow/flow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { pathOf } from '../harness/CallflowHarness.ts';
import { flow, sound } from '../harness/flowBuilder.ts';
import { useCallflow } from '../harness/useCallflow.ts';
import { AriObserver } from '../lib/AriObserver.ts';
import { AriHttpError, ariDelete, ariGet, ensureSandbox } from '../lib/sandbox.ts';
import { type Callee, startCallee } from '../lib/sipp/callee.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';

const lookupPort = 18_766;
/** How long after the answer the caller hangs up: every row's node is reached well before. */
const hangupAfterMs = 3000;
const ringTone = { type: 'tone', value: 'ring' } as const;
const bridgeName = 'e2e-hangup-every-node';
const deviceName = 'e2e-hangup-every-node';

type NodeInput = { id: string; kind: string; options?: Record<string, unknown> };
/** What the test sets in a `Kind` node over its definition's starter options. */
type Overrides<Kind extends NodeKind> = Partial<z.input<(typeof nodeKinds)[Kind]['options']>>;

/** What must have been live in Asterisk (or the web service) when the caller hung up. */
type Resource = 'playback' | 'recording' | 'bridge' | 'callee' | 'httpRequest';

interface Row {
  kind: NodeKind;
  extension: string;
  /** Whether the caller hangs up inside the node of this kind (else after it, or around it). */
  heldInNode: boolean;
  nodes: NodeInput[];
  wires: string[];
  path: string[];
  resources: Resource[];
}

const start: NodeInput = { id: 'start', kind: 'start' };
const answer: NodeInput = { id: 'answer', kind: 'answer' };
const hold: NodeInput = { id: 'hold', kind: 'play', options: { prompts: [ringTone] } };
const bye: NodeInput = { id: 'bye', kind: 'hangup' };

/** A `kind` node as the editor adds one (its starter options) with the test's `overrides`. */
function nodeOf<Kind extends NodeKind>(kind: Kind, overrides: Overrides<Kind>): NodeInput {
  return { id: kind, kind, options: { ...nodeKinds[kind].starterOptions, ...overrides } };
}

/** The caller hangs up inside the `kind` node; each port its definition gives it leads to a hangup. */
function heldIn<Kind extends NodeKind>(
  kind: Kind,
  extension: string,
  overrides: Overrides<Kind>,
  resources: Resource[],
): Row {
  const node = nodeOf(kind, overrides);
  return {
    kind,
    extension,
    heldInNode: true,
    nodes: [start, answer, node, bye],
    wires: [
      'start.next -> answer',
      `answer.next -> ${node.id}`,
      ...portsOf(flowNode.parse(node)).map((port) => `${node.id}.${port} -> bye`),
    ],
    path: ['start:next', 'answer:next', `${node.id}:(caller hung up)`],
    resources,
  };
}

/** The `kind` node runs at once, leaving by `port` to the held play, where the caller hangs up. */
function heldAfter<Kind extends NodeKind>(
  kind: Kind,
  extension: string,
  overrides: Overrides<Kind>,
  port: string,
): Row {
  const node = nodeOf(kind, overrides);
  return {
    kind,
    extension,
    heldInNode: false,
    nodes: [start, answer, node, hold, bye],
    wires: [
      'start.next -> answer',
      `answer.next -> ${node.id}`,
      `${node.id}.${port} -> hold`,
      'hold.next -> bye',
    ],
    path: ['start:next', 'answer:next', `${node.id}:${port}`, 'hold:(caller hung up)'],
    resources: ['playback'],
  };
}

/**
 * start -> answer -> play -> hangup, the caller hanging up in the play: right after start and answer,
 * and right before the hangup node (which must then never run).
 */
const aroundThePlay = (kind: NodeKind, extension: string): Row => ({
  kind,
  extension,
  heldInNode: false,
  nodes: [start, answer, hold, bye],
  wires: ['start.next -> answer', 'answer.next -> hold', 'hold.next -> bye'],
  path: ['start:next', 'answer:next', 'hold:(caller hung up)'],
  resources: ['playback'],
});

const rowsByKind = {
  start: aroundThePlay('start', '7701'),
  answer: aroundThePlay('answer', '7702'),
  play: heldIn('play', '7703', { prompts: [ringTone] }, ['playback']),
  record: heldIn(
    'record',
    '7704',
    { nameTemplate: 'e2e-hangup/{{call.id}}', maxDurationSeconds: 60, maxSilenceSeconds: 0, beep: true },
    ['recording'],
  ),
  menu: heldIn('menu', '7705', { prompts: [sound('hello-world')], timeoutSeconds: 60, retries: 0 }, [
    'playback',
  ]),
  collectDigits: heldIn('collectDigits', '7706', { prompts: [ringTone], timeoutSeconds: 60 }, ['playback']),
  bridge: heldIn('bridge', '7707', { name: bridgeName, musicOnHoldClass: 'default' }, ['bridge']),
  dial: heldIn('dial', '7708', { endpoint: 'PJSIP/callee-ring', timeoutSeconds: 60 }, ['callee', 'playback']),
  setDeviceState: heldAfter('setDeviceState', '7709', { device: deviceName, state: 'INUSE' }, 'next'),
  httpLookup: heldIn(
    'httpLookup',
    '7710',
    { url: `http://127.0.0.1:${lookupPort}/never-answers`, timeoutSeconds: 30 },
    ['httpRequest'],
  ),
  setVariable: heldAfter('setVariable', '7711', { name: 'caller', value: '{{caller.number}}' }, 'next'),
  condition: heldAfter(
    'condition',
    '7712',
    { left: '{{call.extension}}', operator: 'equals', right: '7712' },
    'true',
  ),
  timeOfDay: heldAfter(
    'timeOfDay',
    '7713',
    { ranges: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '24:00' }] },
    'open',
  ),
  hangup: aroundThePlay('hangup', '7714'),
  setLanguage: heldAfter('setLanguage', '7715', { language: 'ru' }, 'next'),
} satisfies Record<NodeKind, Row>;
const rows: Row[] = Object.values(rowsByKind);

/** A web service that takes requests and never answers; counts those still open. */
class SilentService {
  received = 0;
  open = 0;
  readonly #server: Server;

  constructor() {
    this.#server = createServer((request, response) => {
      this.received++;
      this.open++;
      // The runtime giving up on the request (the caller hung up) closes it.
      response.on('close', () => this.open--);
      request.resume();
    });
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.#server.listen(lookupPort, '127.0.0.1', resolve));
  }

  close(): void {
    this.#server.closeAllConnections();
    this.#server.close();
  }
}

describe('caller hangup at every node kind', () => {
  const harness = useCallflow();
  const service = new SilentService();
  let callee: Callee;
  let observer: AriObserver;

  beforeAll(async () => {
    observer = await AriObserver.open(await ensureSandbox());
    await service.listen();
    callee = await startCallee('ring');
    for (const row of rows)
      await harness.publish(row.extension, flow(row.nodes, row.wires), `hangup-${row.kind}`);
  });
  afterAll(async () => {
    // Device states outlive calls (astdb): leave none behind for other tests.
    await ariDelete(`/deviceStates/${encodeURIComponent(`Stasis:${deviceName}`)}`).catch(() => undefined);
    await callee?.stop();
    service.close();
    await observer?.close();
  });
  beforeEach(() => observer.reset());
  afterEach(async () => {
    for (const name of observer.seen.recordings) {
      await ariDelete(`/recordings/stored/${encodeURIComponent(name)}`).catch(() => undefined);
    }
  });

  it('has a row for every node kind', () => {
    expect(rows.map((row) => row.kind).sort()).toEqual([...nodeKindNames].sort());
  });

  it('holds the caller inside each kind that waits for the caller, and after or around the others', () => {
    // httpLookup waits for a web service, not the caller (a loop through it alone would spin), yet a
    // caller can hang up while it waits.
    for (const row of rows)
      expect(row.heldInNode, row.kind).toBe(nodeKinds[row.kind].waitsForCaller || row.kind === 'httpLookup');
  });

  it.each(rows.map((row) => [row.kind, row] as const))('%s', async (_kind, row) => {
    const since = new Date();
    const requestsBefore = service.received;
    const cancelsBefore = await cancelsReceived(callee);
    const call = await placeCall({
      extension: row.extension,
      name: `hangup-${row.kind}`,
      script: [{ pauseMs: hangupAfterMs }, { hangup: true }],
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    expect(call.hungUpBy).toBe('caller');

    const logged = await harness.waitForCall(row.extension, since);
    expect(logged.outcome).toBe('caller_hangup');
    expect(pathOf(logged)).toEqual(row.path);

    // What the node had made was really there when the caller left: the test is not vacuous.
    const { seen } = observer;
    expect(seen.channels.has(logged.channelId)).toBe(true);
    for (const resource of row.resources) {
      if (resource === 'playback') expect(seen.playbacks.size, 'playbacks started').toBeGreaterThan(0);
      if (resource === 'recording') expect([...seen.recordings]).toEqual([`e2e-hangup/${logged.id}`]);
      if (resource === 'bridge') expect([...seen.bridgesEntered]).toContain(`callflow-bridge-${bridgeName}`);
      if (resource === 'callee') {
        expect(seen.dialStatuses).toContain('RINGING');
        expect(seen.channels.size, 'the caller and the callee').toBe(2);
      }
      if (resource === 'httpRequest') expect(service.received).toBe(requestsBefore + 1);
    }

    // Gone from Asterisk, each asked for by its id: channels (caller and callee), bridges, playbacks,
    // live recordings.
    let left = await observer.stillThere();
    await harness
      .waitUntil(
        async () => {
          left = await observer.stillThere();
          return Object.values(left).every((ids) => ids.length === 0);
        },
        5000,
        `nothing left from the ${row.kind} call`,
      )
      .catch(() => undefined);
    expect(left).toEqual({ channels: [], bridges: [], playbacks: [], liveRecordings: [] });

    if (row.resources.includes('recording')) {
      // Asterisk ends the recording with the channel and keeps what was recorded.
      const stored = await ariGet<{ name: string }>(
        `/recordings/stored/${encodeURIComponent(`e2e-hangup/${logged.id}`)}`,
      );
      expect(stored.name).toBe(`e2e-hangup/${logged.id}`);
    }
    if (row.resources.includes('callee')) {
      // The ringing phone was told to stop ringing, not left to time out.
      await harness.waitUntil(
        async () => (await cancelsReceived(callee)) === cancelsBefore + 1,
        5000,
        'the callee to receive CANCEL',
      );
    }
    if (row.resources.includes('httpRequest')) {
      // The request to the web service was abandoned with the call, not left open until its timeout.
      await harness.waitUntil(() => service.open === 0, 5000, 'the HTTP request to be closed');
    }
    if (row.kind === 'bridge') await expectGone(`/bridges/callflow-bridge-${bridgeName}`);
  });
});

async function cancelsReceived(callee: Callee): Promise<number> {
  return (await callee.messages()).filter(
    (message) => message.direction === 'received' && message.firstLine.startsWith('CANCEL '),
  ).length;
}

async function expectGone(path: string): Promise<void> {
  const status = await ariGet(path).then(
    () => 200,
    (error: unknown) => (error instanceof AriHttpError ? error.status : 0),
  );
  expect(status, `GET ${path}`).toBe(404);
}
