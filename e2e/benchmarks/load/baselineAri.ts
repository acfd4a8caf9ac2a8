// The load benchmark's yardstick: a minimal hand-written ARI program that does for each call what the
// benchmark flow does (answer → play → menu waiting for 1 → set device state → play → hang up), with
// plain fetch and one WebSocket: no flow engine, no database, no call log, no logging per call.
// The runtime's cost above this program is what the flow engine, its call log and its safety nets cost.
//
// It measures itself the way the runtime does: CPU (process.cpuUsage), RSS, and per call the time
// from the ARI event or response that lets the call go on until its next ARI request
// (the runtime's callflow_engine_step_latency_seconds).
//
// Run: ARI_URL=... ARI_USERNAME=... ARI_PASSWORD=... BASELINE_APP=callflow-7992 \
//        node --import tsx e2e/benchmarks/load/baselineAri.ts
// Prints {"ready":true,"url":...} once its app is registered; GET <url>/stats, GET <url>/latency
// (drains the latency samples, in ms); prints its totals as a JSON line when it gets SIGTERM.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import WebSocket from 'ws';
import { z } from 'zod';
import {
  BASELINE_DEVICE,
  DEVICE_STATE,
  GOODBYE_SOUND,
  MENU_SOUND,
  MENU_TIMEOUT_SECONDS,
  WELCOME_SOUND,
} from './benchFlow.ts';

const env = z
  .object({
    ARI_URL: z.url(),
    ARI_USERNAME: z.string().min(1),
    ARI_PASSWORD: z.string().min(1),
    BASELINE_APP: z.string().regex(/^[\w.-]{1,73}$/),
    BASELINE_STATS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  })
  .parse(process.env);

const ariBase = `${env.ARI_URL.replace(/\/+$/, '')}/ari`;
const authorization = `Basic ${Buffer.from(`${env.ARI_USERNAME}:${env.ARI_PASSWORD}`).toString('base64')}`;

// Only the events and fields this program acts on; every other event is dropped after reading its type.
const channelRef = z.object({ id: z.string() }).loose();
const handledEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('StasisStart'), channel: channelRef }).loose(),
  z.object({ type: z.literal('StasisEnd'), channel: channelRef }).loose(),
  z.object({ type: z.literal('ChannelDtmfReceived'), channel: channelRef, digit: z.string() }).loose(),
  z.object({ type: z.literal('PlaybackFinished'), playback: z.object({ id: z.string() }).loose() }).loose(),
]);
const eventType = z.object({ type: z.string() }).loose();
const handledTypes = new Set(['StasisStart', 'StasisEnd', 'ChannelDtmfReceived', 'PlaybackFinished']);

const totals = { started: 0, completed: 0, failed: 0, callerHangup: 0, requests: 0 };
let latencySamples: number[] = [];

class CallEnded extends Error {}

interface Call {
  readonly id: string;
  /** Aborted when the channel leaves the app (caller hangup or our own). */
  readonly ended: AbortController;
  /** performance.now() since which the call could go on; -1 while it waits for Asterisk or the caller. */
  since: number;
  readonly digits: string[];
  onDigit: (() => void) | undefined;
}

const calls = new Map<string, Call>();
/** PlaybackFinished waiters by playback id (chosen here, registered before the play request). */
const playbacks = new Map<string, (receivedAt: number) => void>();

async function ari(call: Call, method: string, path: string, okStatuses: number[] = []): Promise<void> {
  if (call.ended.signal.aborted) throw new CallEnded();
  if (call.since >= 0) {
    latencySamples.push(performance.now() - call.since);
    call.since = -1;
  }
  totals.requests++;
  const response = await fetch(`${ariBase}${path}`, { method, headers: { authorization } });
  // Read to the end so the connection goes back to the pool.
  await response.arrayBuffer();
  call.since = performance.now();
  if (!response.ok && !okStatuses.includes(response.status)) {
    if (call.ended.signal.aborted) throw new CallEnded();
    throw new Error(`${method} ${path}: HTTP ${response.status}`);
  }
}

/** Resolves on the playback's PlaybackFinished; rejects if the call ends first. Register before playing. */
function playbackFinished(call: Call, playbackId: string): Promise<void> {
  const finished = new Promise<void>((resolve, reject) => {
    const onEnd = () => {
      playbacks.delete(playbackId);
      reject(new CallEnded());
    };
    if (call.ended.signal.aborted) return onEnd();
    call.ended.signal.addEventListener('abort', onEnd, { once: true });
    playbacks.set(playbackId, (receivedAt) => {
      call.ended.signal.removeEventListener('abort', onEnd);
      playbacks.delete(playbackId);
      call.since = receivedAt;
      resolve();
    });
  });
  // The caller may hang up while the play request is still on its way: nobody awaits this yet.
  finished.catch(() => undefined);
  return finished;
}

async function play(call: Call, sound: string): Promise<void> {
  const playbackId = randomUUID();
  const finished = playbackFinished(call, playbackId);
  await ari(call, 'POST', `/channels/${call.id}/play/${playbackId}?media=sound:${sound}`);
  await finished;
}

/** The next digit (buffered since the start of the call), or null after `timeoutMs`. */
function nextDigit(call: Call, timeoutMs: number): Promise<string | null> {
  const buffered = call.digits.shift();
  if (buffered !== undefined) return Promise.resolve(buffered);
  return new Promise((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      call.onDigit = undefined;
      call.ended.signal.removeEventListener('abort', onEnd);
    };
    const timer = setTimeout(() => {
      finish();
      call.since = performance.now();
      resolve(null);
    }, timeoutMs);
    const onEnd = () => {
      finish();
      reject(new CallEnded());
    };
    call.ended.signal.addEventListener('abort', onEnd, { once: true });
    call.onDigit = () => {
      finish();
      resolve(call.digits.shift() ?? null);
    };
  });
}

async function runCall(call: Call): Promise<void> {
  const id = call.id;
  await ari(call, 'POST', `/channels/${id}/answer`);
  await play(call, WELCOME_SOUND);

  // Menu: the prompt plays until the caller presses a key (barge-in), then waits for one.
  const menuPlayback = randomUUID();
  let menuPlaying = true;
  const menuFinished = playbackFinished(call, menuPlayback).then(() => {
    menuPlaying = false;
  });
  menuFinished.catch(() => undefined);
  const digit = nextDigit(call, MENU_TIMEOUT_SECONDS * 1000);
  await ari(call, 'POST', `/channels/${id}/play/${menuPlayback}?media=sound:${MENU_SOUND}`);
  const pressed = await digit;
  if (menuPlaying) {
    // 404: it finished on its own meanwhile.
    await ari(call, 'DELETE', `/playbacks/${menuPlayback}`, [404]);
    await menuFinished;
  }
  if (pressed !== '1') {
    totals.failed++;
    await ari(call, 'DELETE', `/channels/${id}?reason=normal`, [404]);
    return;
  }

  await ari(
    call,
    'PUT',
    `/deviceStates/${encodeURIComponent(`Stasis:${BASELINE_DEVICE}`)}?deviceState=${DEVICE_STATE}`,
  );
  await play(call, GOODBYE_SOUND);
  await ari(call, 'DELETE', `/channels/${id}?reason=normal`);
  totals.completed++;
}

function startCall(channelId: string, receivedAt: number): void {
  const call: Call = {
    id: channelId,
    ended: new AbortController(),
    since: receivedAt,
    digits: [],
    onDigit: undefined,
  };
  calls.set(channelId, call);
  totals.started++;
  runCall(call)
    .catch((error: unknown) => {
      if (error instanceof CallEnded) totals.callerHangup++;
      else {
        totals.failed++;
        process.stderr.write(`baseline: call ${channelId} failed: ${String(error)}\n`);
      }
    })
    .finally(() => calls.delete(channelId));
}

function onEvent(data: WebSocket.RawData): void {
  const receivedAt = performance.now();
  let json: unknown;
  try {
    json = JSON.parse(data.toString());
  } catch {
    return;
  }
  const head = eventType.safeParse(json);
  if (!head.success || !handledTypes.has(head.data.type)) return;
  const parsed = handledEvent.safeParse(json);
  if (!parsed.success) {
    process.stderr.write(`baseline: unexpected ${head.data.type} event: ${parsed.error.message}\n`);
    return;
  }
  const event = parsed.data;
  switch (event.type) {
    case 'StasisStart':
      startCall(event.channel.id, receivedAt);
      break;
    case 'StasisEnd':
      calls.get(event.channel.id)?.ended.abort();
      break;
    case 'ChannelDtmfReceived': {
      const call = calls.get(event.channel.id);
      if (call === undefined) break;
      call.since = receivedAt;
      call.digits.push(event.digit);
      call.onDigit?.();
      break;
    }
    case 'PlaybackFinished':
      playbacks.get(event.playback.id)?.(receivedAt);
      break;
  }
}

function stats() {
  const cpu = process.cpuUsage();
  return {
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rssBytes: process.memoryUsage.rss(),
    // resourceUsage reports kilobytes.
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    ...totals,
    inProgress: calls.size,
  };
}

const server = createServer((request, response) => {
  if (request.url === '/stats') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats()));
  } else if (request.url === '/latency') {
    const drained = latencySamples;
    latencySamples = [];
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ samples: drained }));
  } else response.writeHead(404).end();
});

const socketUrl = new URL(`${ariBase.replace(/^http/, 'ws')}/events`);
socketUrl.searchParams.set('app', env.BASELINE_APP);
socketUrl.searchParams.set('api_key', `${env.ARI_USERNAME}:${env.ARI_PASSWORD}`);
const socket = new WebSocket(socketUrl);
socket.on('message', onEvent);
socket.on('error', (error) => {
  process.stderr.write(`baseline: ARI WebSocket error: ${error.message}\n`);
  process.exit(1);
});
// No reconnection: a benchmark run that loses its socket is void, and says so.
socket.on('close', (code) => {
  process.stderr.write(`baseline: ARI WebSocket closed (${code})\n`);
  process.exit(1);
});
socket.on('open', () => {
  server.listen(env.BASELINE_STATS_PORT, '127.0.0.1', () => {
    const address = server.address();
    const port = address !== null && typeof address === 'object' ? address.port : env.BASELINE_STATS_PORT;
    process.stdout.write(`${JSON.stringify({ ready: true, url: `http://127.0.0.1:${port}` })}\n`);
  });
});

process.on('SIGTERM', () => {
  process.stdout.write(`${JSON.stringify({ exit: true, ...stats() })}\n`);
  socket.removeAllListeners('close');
  socket.close();
  process.exit(0);
});
