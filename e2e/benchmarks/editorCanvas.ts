// How the browser editor's canvas copes with a big flow: a generated 500-node call flow (menus, plays,
// HTTP lookups, conditions, dials, hang-ups; valid, every outcome connected) opened in Chromium at
// 1280×800 from the API serving the built editor, with a throw-away SQLite database. Per run (each in
// a fresh browser context, after one warm-up run that is not counted) it measures:
//   - first render: from the navigation start of /flows/<id> to the first frame painted after all 500
//     nodes are visible (measured by React Flow) and every connection is drawn;
//   - the JS heap after that render (after a forced garbage collection; CDP Performance.getMetrics);
//   - frame times while panning: the empty canvas is dragged with the mouse for ~2 s in small steps
//     (a move every 16 ms, as a 60 Hz mouse) while a requestAnimationFrame loop in the page records
//     frame intervals; once at the view the editor opens with (fit view: every node on screen) and
//     once zoomed to 100%; with the page's main-thread time (script, style + layout, the rest) then.
// Also where the first render's time goes (when the page script, the session check, the editor's
// lazy chunk and the flow arrived) and the main-thread time until then. Frame times depend on the
// machine: headless Chromium here composites in software (no GPU).
// No Asterisk, no runtime, no SIP: only the API, the database and the browser.
// Run: node --import tsx e2e/benchmarks/editorCanvas.ts [runs]      (npm run bench:editor)
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApiServer } from '@callflow/api/server';
import { flowDetail } from '@callflow/contract';
import { type Database, migrateDatabase, openDatabase } from '@callflow/db';
import { validateFlow } from '@callflow/flow';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { z } from 'zod';
import { launchBrowser } from '../lib/browser.ts';
import { REPO_ROOT } from '../lib/sandbox.ts';
import { quantile as nearestRank } from '../lib/statistics.ts';

const EDITOR_DIST = `${REPO_ROOT}apps/editor/dist`;
const NODE_COUNT = 500;
const VIEWPORT = { width: 1280, height: 800 };
const PAN_MS = 2000;
const MOVE_EVERY_MS = 16;
const IDLE_MS = 1000;
/** One frame at 60 Hz; an interval longer than this (plus 1 ms for timer jitter) missed a frame. */
const FRAME_BUDGET_MS = 1000 / 60;
const BENCH_USER = 'bench-admin';
const BENCH_PASSWORD = 'bench-admin-password-1';
const ADMIN_PASSWORD = 'bench-first-admin-password-1';

const runsArgument = process.argv[2] ?? '5';
const runs = Number(runsArgument);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`runs must be a positive integer, got "${runsArgument}"`);

// ---------------------------------------------------------------------------------------------------
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

function generateFlow(total: number) {
  const nodes: GeneratedNode[] = [];
  const edges: { id: string; source: string; port: string; target: string }[] = [];
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
    edges.push({ id: `e${edges.length + 1}`, source, port, target });
  };
  const sound = (name: string) => ({ type: 'sound', name });

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
        id = add('dial', 'Agent', depth, { endpoint: `PJSIP/${1000 + nodes.length}`, timeoutSeconds: 20 });
        const done = add('hangup', 'After the call', depth + 1, { cause: 'normal' });
        connect(id, 'answered', done);
        for (const port of ['busy', 'noanswer', 'unavailable', 'failed']) connect(id, port, open.fallback);
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
  const document = {
    schemaVersion: 1,
    nodes: nodes.map((node) => ({
      id: node.id,
      kind: node.kind,
      label: node.label,
      position: positions.get(node.id) ?? { x: 0, y: 0 },
      options: node.options,
    })),
    edges,
  };
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

// ---------------------------------------------------------------------------------------------------
// What runs in the page. Plain JavaScript strings: e2e is type-checked without the DOM library, and
// whatever comes back is outside data, parsed with zod below.

/** Installed before the editor's own scripts: long tasks, and the moment the whole flow is on screen. */
const watchFirstRender = (expectedNodes: number, expectedEdges: number) => `(() => {
  if (!location.pathname.startsWith('/flows/')) return;
  const bench = { nodesAt: null, renderedAt: null, longTasks: [], frames: [], viewUpdates: 0, recording: false };
  window.__callflowBench = bench;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const check = () => {
    const nodes = document.querySelectorAll('.react-flow__node');
    if (bench.nodesAt === null && nodes.length >= ${expectedNodes} &&
        Array.prototype.every.call(nodes, (node) => node.style.visibility !== 'hidden'))
      bench.nodesAt = performance.now();
    if (bench.nodesAt !== null && document.querySelectorAll('.react-flow__edge').length >= ${expectedEdges}) {
      // This callback runs before the frame that shows the finished canvas is painted; the next one after.
      requestAnimationFrame(() => { bench.renderedAt = performance.now(); });
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

const readFirstRender = `(() => {
  const bench = window.__callflowBench;
  const resources = performance.getEntriesByType('resource');
  const load = (pattern) => {
    const entry = resources.find((resource) => pattern.test(new URL(resource.name).pathname));
    return entry ? { start: entry.startTime, end: entry.responseEnd } : null;
  };
  const navigation = performance.getEntriesByType('navigation')[0];
  const canvas = document.querySelector('[data-testid="flow-canvas"] .react-flow').getBoundingClientRect();
  const onScreen = Array.prototype.filter.call(document.querySelectorAll('.react-flow__node'), (node) => {
    const box = node.getBoundingClientRect();
    return box.left >= canvas.left && box.right <= canvas.right && box.top >= canvas.top && box.bottom <= canvas.bottom;
  }).length;
  return {
    nodesAt: bench.nodesAt,
    renderedAt: bench.renderedAt,
    domContentLoaded: navigation ? navigation.domContentLoadedEventEnd : null,
    loading: {
      script: load(/^\\/assets\\/index-[^/]+\\.js$/),
      session: load(/^\\/api\\/session$/),
      editorChunk: load(/^\\/assets\\/FlowEditorPage-[^/]+\\.js$/),
      flow: load(/^\\/api\\/flows\\/[^/]+$/),
    },
    longTasks: bench.longTasks.filter((task) => task.start < bench.renderedAt),
    nodes: document.querySelectorAll('.react-flow__node').length,
    edges: document.querySelectorAll('.react-flow__edge').length,
    elements: document.getElementsByTagName('*').length,
    canvas: { width: canvas.width, height: canvas.height },
    onScreen,
  };
})()`;

/** The viewport's zoom, and an empty spot of the canvas near its centre to drag. */
const readView = `(() => {
  const viewport = document.querySelector('.react-flow__viewport');
  const match = /scale\\(([\\d.]+)\\)/.exec(viewport.style.transform);
  const canvas = document.querySelector('[data-testid="flow-canvas"] .react-flow').getBoundingClientRect();
  const centre = { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 };
  let best = null;
  for (let fy = 0.25; fy <= 0.75; fy += 0.025)
    for (let fx = 0.25; fx <= 0.75; fx += 0.025) {
      const x = Math.round(canvas.left + canvas.width * fx);
      const y = Math.round(canvas.top + canvas.height * fy);
      const element = document.elementFromPoint(x, y);
      if (element === null || !element.classList.contains('react-flow__pane')) continue;
      const distance = Math.hypot(x - centre.x, y - centre.y);
      if (best === null || distance < best.distance) best = { x, y, distance };
    }
  return { zoom: match ? Number(match[1]) : null, pane: best, canvas: { width: canvas.width, height: canvas.height } };
})()`;

const startFrameRecording = `(() => {
  const bench = window.__callflowBench;
  const viewport = document.querySelector('.react-flow__viewport');
  bench.frames = [];
  bench.viewUpdates = 0;
  bench.recording = true;
  bench.recordingSince = performance.now();
  let last = viewport.style.transform;
  const loop = (time) => {
    bench.frames.push(time);
    if (viewport.style.transform !== last) { bench.viewUpdates++; last = viewport.style.transform; }
    if (bench.recording) requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
})()`;

const stopFrameRecording = `(() => {
  const bench = window.__callflowBench;
  bench.recording = false;
  return {
    frames: bench.frames,
    viewUpdates: bench.viewUpdates,
    longTasks: bench.longTasks.filter((task) => task.start >= bench.recordingSince),
  };
})()`;

const longTask = z.object({ start: z.number(), duration: z.number() });
const firstRenderResult = z.object({
  nodesAt: z.number(),
  renderedAt: z.number(),
  domContentLoaded: z.number().nullable(),
  loading: z.record(
    z.enum(['script', 'session', 'editorChunk', 'flow']),
    z.object({ start: z.number(), end: z.number() }).nullable(),
  ),
  longTasks: z.array(longTask),
  nodes: z.number(),
  edges: z.number(),
  elements: z.number(),
  canvas: z.object({ width: z.number(), height: z.number() }),
  onScreen: z.number(),
});
const viewResult = z.object({
  zoom: z.number().nullable(),
  pane: z.object({ x: z.number(), y: z.number() }).nullable(),
  canvas: z.object({ width: z.number(), height: z.number() }),
});
const framesResult = z.object({
  frames: z.array(z.number()),
  viewUpdates: z.number(),
  longTasks: z.array(longTask),
});

// ---------------------------------------------------------------------------------------------------
// Measuring.

/** Main-thread time of the page (CDP Performance.getMetrics, counted from Performance.enable). */
interface MainThread {
  /** All tasks: script, style, layout, paint recording, parsing... */
  taskMs: number;
  scriptMs: number;
  styleLayoutMs: number;
}
async function mainThreadSoFar(
  cdp: CDPSession,
): Promise<MainThread & { heapUsedMb: number; domNodes: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? Number.NaN;
  return {
    taskMs: value('TaskDuration') * 1000,
    scriptMs: value('ScriptDuration') * 1000,
    styleLayoutMs: (value('RecalcStyleDuration') + value('LayoutDuration')) * 1000,
    heapUsedMb: value('JSHeapUsedSize') / 1024 / 1024,
    domNodes: value('Nodes'),
  };
}
const mainThreadBetween = (before: MainThread, after: MainThread): MainThread => ({
  taskMs: after.taskMs - before.taskMs,
  scriptMs: after.scriptMs - before.scriptMs,
  styleLayoutMs: after.styleLayoutMs - before.styleLayoutMs,
});

interface FrameStats {
  intervals: number[];
  mainThread: MainThread;
  /** Mouse moves sent (one per 16 ms unless the page is slower to take them). */
  moves: number;
  /** Frames in which the canvas showed a new position. */
  viewUpdates: number;
  longestTask: number;
}
interface RunResult {
  firstRenderMs: number;
  nodesVisibleMs: number;
  /** When the page's script, the session check, the editor's lazy chunk and the flow arrived. */
  loading: Record<'script' | 'session' | 'editorChunk' | 'flow', { start: number; end: number } | null>;
  domContentLoadedMs: number | null;
  longestTaskMs: number;
  blockingMs: number;
  renderMainThread: MainThread;
  heapUsedMb: number;
  domNodes: number;
  onScreen: number;
  fitZoom: number;
  canvas: { width: number; height: number };
  idle: FrameStats;
  panFit: FrameStats;
  pan100: FrameStats & { zoom: number };
}

async function recordFrames(page: Page, cdp: CDPSession, during: () => Promise<number>): Promise<FrameStats> {
  await page.evaluate(startFrameRecording);
  const before = await mainThreadSoFar(cdp);
  const moves = await during();
  await sleep(100);
  const after = await mainThreadSoFar(cdp);
  const recorded = framesResult.parse(await page.evaluate(stopFrameRecording));
  // The first interval starts before the drag; the first two frames are the loop getting going.
  const intervals = recorded.frames.slice(1).map((time, index) => time - (recorded.frames[index] ?? time));
  return {
    intervals,
    mainThread: mainThreadBetween(before, after),
    moves,
    viewUpdates: recorded.viewUpdates,
    longestTask: Math.max(0, ...recorded.longTasks.map((task) => task.duration)),
  };
}

async function viewOf(page: Page) {
  const view = viewResult.parse(await page.evaluate(readView));
  if (view.zoom === null) throw new Error('cannot read the canvas zoom from .react-flow__viewport');
  if (view.pane === null) throw new Error('no empty spot of the canvas near its centre to drag');
  return { zoom: view.zoom, pane: view.pane, canvas: view.canvas };
}

/**
 * Drags the empty canvas back and forth (±amplitude px) for PAN_MS, one small move every 16 ms like a
 * 60 Hz mouse. The moves go straight to CDP without waiting for each to be handled (Playwright's
 * mouse.move waits, which would let a slow page slow the mouse down); the browser coalesces them per
 * frame as it does real input.
 */
async function pan(
  page: Page,
  cdp: CDPSession,
  from: { x: number; y: number },
  amplitude: number,
): Promise<FrameStats> {
  return recordFrames(page, cdp, async () => {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    const period = 60; // moves per back-and-forth: ~1 s
    const sent: Promise<unknown>[] = [];
    const started = performance.now();
    for (let move = 1; performance.now() - started < PAN_MS; move++) {
      const phase = (move % period) / period;
      const offset = amplitude * (phase < 0.5 ? 4 * phase : 4 * (1 - phase)) - amplitude;
      sent.push(
        cdp.send('Input.dispatchMouseEvent', {
          type: 'mouseMoved',
          x: Math.round(from.x + offset),
          y: Math.round(from.y + offset / 3),
          button: 'left',
          buttons: 1,
        }),
      );
      const wait = started + move * MOVE_EVERY_MS - performance.now();
      if (wait > 0) await sleep(wait);
    }
    await Promise.all(sent);
    await page.mouse.up();
    return sent.length;
  });
}

async function measureRun(
  browser: Browser,
  url: string,
  flowId: string,
  edgeCount: number,
): Promise<RunResult> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const login = await context.request.post(`${url}/api/session`, {
      data: { username: BENCH_USER, password: BENCH_PASSWORD },
    });
    if (login.status() !== 200) throw new Error(`cannot log the browser in: HTTP ${login.status()}`);
    await context.addInitScript({ content: watchFirstRender(NODE_COUNT, edgeCount) });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${url}/flows/${flowId}`, { waitUntil: 'commit' });
    try {
      await page.waitForFunction(
        'window.__callflowBench && window.__callflowBench.renderedAt !== null',
        null,
        {
          timeout: 120_000,
          polling: 100,
        },
      );
    } catch (error) {
      const shown = await page.evaluate('document.body.innerText.slice(0, 300)');
      throw new Error(`the flow never finished rendering; the page shows: ${JSON.stringify(shown)}`, {
        cause: error,
      });
    }
    const render = firstRenderResult.parse(await page.evaluate(readFirstRender));
    if (render.nodes !== NODE_COUNT)
      throw new Error(`expected ${NODE_COUNT} nodes on the canvas, found ${render.nodes}`);

    const renderMainThread = await mainThreadSoFar(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const { heapUsedMb, domNodes } = await mainThreadSoFar(cdp);

    await sleep(500);
    const fit = await viewOf(page);
    const idle = await recordFrames(page, cdp, async () => {
      await sleep(IDLE_MS);
      return 0;
    });
    const amplitude = Math.min(150, fit.canvas.width / 5);
    const panFit = await pan(page, cdp, fit.pane, amplitude);

    // One wheel event of the right size zooms to exactly 100% around the pane spot (d3-zoom: a factor
    // of 2^(-deltaY × 0.002) per pixel-mode wheel event).
    await sleep(300);
    const before = await viewOf(page);
    await page.mouse.move(before.pane.x, before.pane.y);
    await page.mouse.wheel(0, -Math.log2(1 / before.zoom) / 0.002);
    await sleep(800);
    const zoomed = await viewOf(page);
    const pan100 = await pan(page, cdp, zoomed.pane, amplitude);

    const tasks = render.longTasks.map((task) => task.duration);
    return {
      firstRenderMs: render.renderedAt,
      nodesVisibleMs: render.nodesAt,
      loading: render.loading,
      domContentLoadedMs: render.domContentLoaded,
      longestTaskMs: Math.max(0, ...tasks),
      blockingMs: tasks.reduce((sum, duration) => sum + Math.max(0, duration - 50), 0),
      renderMainThread: {
        taskMs: renderMainThread.taskMs,
        scriptMs: renderMainThread.scriptMs,
        styleLayoutMs: renderMainThread.styleLayoutMs,
      },
      heapUsedMb,
      domNodes,
      onScreen: render.onScreen,
      fitZoom: fit.zoom,
      canvas: render.canvas,
      idle,
      panFit,
      pan100: { ...pan100, zoom: zoomed.zoom },
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Reporting.

const quantile = (values: readonly number[], q: number): number => nearestRank(values, q) ?? Number.NaN;
const median = (values: readonly number[]) => quantile(values, 0.5);
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

function frameSummary(stats: readonly FrameStats[]) {
  const intervals = stats.flatMap((stat) => stat.intervals);
  const over = intervals.filter((interval) => interval > FRAME_BUDGET_MS + 1).length;
  const elapsed = intervals.reduce((sum, interval) => sum + interval, 0);
  const busy = stats.reduce(
    (sum, stat) => ({
      taskMs: sum.taskMs + stat.mainThread.taskMs,
      scriptMs: sum.scriptMs + stat.mainThread.scriptMs,
      styleLayoutMs: sum.styleLayoutMs + stat.mainThread.styleLayoutMs,
    }),
    { taskMs: 0, scriptMs: 0, styleLayoutMs: 0 },
  );
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    frames: intervals.length,
    meanMs: round(mean(intervals)),
    p95Ms: round(quantile(intervals, 0.95)),
    maxMs: round(Math.max(...intervals)),
    overBudgetShare: round((100 * over) / intervals.length) / 100,
    fps: round(1000 / mean(intervals)),
    moves: stats.reduce((sum, stat) => sum + stat.moves, 0),
    /** Share of the recorded time the page's main thread was busy, and with script alone. */
    mainThreadBusyShare: round((100 * busy.taskMs) / elapsed) / 100,
    scriptShare: round((100 * busy.scriptMs) / elapsed) / 100,
    styleLayoutShare: round((100 * busy.styleLayoutMs) / elapsed) / 100,
    viewUpdates: stats.reduce((sum, stat) => sum + stat.viewUpdates, 0),
    longestTaskMs: round(Math.max(...stats.map((stat) => stat.longestTask))),
  };
}

function table(rows: readonly (readonly string[])[]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row, index) => {
      const line = row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  ');
      return index === 0 ? `${line}\n${widths.map((width) => '-'.repeat(width)).join('  ')}` : line;
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------------

if (!existsSync(`${EDITOR_DIST}/index.html`)) {
  console.error(
    `The editor is not built (no ${EDITOR_DIST}/index.html): run npm run -w @callflow/editor build`,
  );
  process.exit(1);
}

const generated = generateFlow(NODE_COUNT);
const validation = validateFlow(generated.document);
if (!validation.ok) {
  const errors = validation.problems.filter((problem) => problem.severity === 'error').slice(0, 5);
  throw new Error(`the generated flow is invalid: ${errors.map((problem) => problem.message).join('; ')}`);
}
const edgeCount = generated.document.edges.length;

const directory = mkdtempSync(join(tmpdir(), 'callflow-bench-editor-'));
const databaseUrl = `file:${join(directory, 'bench.db')}`;
let db: Database | undefined;
let server: Server | undefined;
let browser: Browser | undefined;
try {
  await migrateDatabase(databaseUrl);
  db = await openDatabase(databaseUrl);
  const api = await createApiServer({
    db,
    env: {
      API_HOST: '127.0.0.1',
      API_PORT: '0',
      EDITOR_DIR: EDITOR_DIST,
      CALLFLOW_ADMIN_PASSWORD: ADMIN_PASSWORD,
      // Never talk to an Asterisk, even if the shell has these set.
      ARI_URL: undefined,
      ARI_USERNAME: undefined,
      ARI_PASSWORD: undefined,
    },
    log: () => {},
  });
  server = api.server;
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the API is not listening on a port');
  const url = `http://127.0.0.1:${address.port}`;

  // The first admin must change its password; a second admin, created by it, need not.
  const adminLogin = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const sessionCookieOf = (response: Response) =>
    response.headers
      .getSetCookie()
      .map((header) => header.split(';')[0] ?? '')
      .find((pair) => pair.startsWith('callflow_session='));
  const firstCookie = sessionCookieOf(adminLogin);
  if (adminLogin.status !== 200 || firstCookie === undefined)
    throw new Error(`cannot log in as the first admin: HTTP ${adminLogin.status}`);
  // Until it has chosen its password, the API answers the first admin only on the session routes.
  const changed = await fetch(`${url}/api/session/password`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: firstCookie },
    body: JSON.stringify({ currentPassword: ADMIN_PASSWORD, newPassword: `${ADMIN_PASSWORD}-chosen` }),
  });
  const cookie = sessionCookieOf(changed);
  if (changed.status !== 200 || cookie === undefined)
    throw new Error(`cannot change the first admin's password: HTTP ${changed.status}`);
  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body),
    });
  const user = await post('/api/users', {
    username: BENCH_USER,
    password: BENCH_PASSWORD,
    role: 'admin',
    mustChangePassword: false,
  });
  if (user.status !== 201)
    throw new Error(`cannot create the benchmark user: HTTP ${user.status} ${await user.text()}`);
  const created = await post('/api/flows', { name: 'Benchmark: 500 nodes', document: generated.document });
  if (created.status !== 201)
    throw new Error(`cannot create the flow: HTTP ${created.status} ${(await created.text()).slice(0, 500)}`);
  const flow = flowDetail.parse(await created.json());

  browser = await launchBrowser();
  const kindList = [...generated.kinds].map(([kind, count]) => `${count} ${kind}`).join(', ');
  console.log(
    `flow: ${NODE_COUNT} nodes (${kindList}), ${edgeCount} connections, ${generated.depth} steps deep, laid out on a ` +
      `${generated.width}×${generated.height} px; ${validation.problems.length} validation problems`,
  );
  const loadBefore = loadavg()[0] ?? 0;
  console.log(
    `Chromium ${browser.version()} headless, ${VIEWPORT.width}×${VIEWPORT.height}; 1 warm-up + ${runs} runs; ` +
      `${availableParallelism()} cores, load average ${loadBefore.toFixed(2)}`,
  );

  await measureRun(browser, url, flow.id, edgeCount);
  const results: RunResult[] = [];
  for (let run = 0; run < runs; run++) {
    results.push(await measureRun(browser, url, flow.id, edgeCount));
    process.stdout.write('.');
  }
  process.stdout.write('\n');

  const ms = (value: number | null) => (value === null ? '-' : `${Math.round(value)} ms`);
  const frameCells = (stat: FrameStats) => {
    const summary = frameSummary([stat]);
    return [
      `${summary.meanMs}`,
      `${summary.p95Ms}`,
      `${summary.maxMs}`,
      `${Math.round(summary.overBudgetShare * 100)}%`,
    ];
  };
  console.log(
    `\nPer run (frame columns: mean / p95 / max interval in ms, share of frames > ${FRAME_BUDGET_MS.toFixed(1)} ms)`,
  );
  console.log(
    table([
      [
        'run',
        'first render',
        'nodes shown',
        'flow JSON in',
        'longest task',
        'heap',
        'DOM nodes',
        'fit zoom',
        'on screen',
        'fit: mean',
        'p95',
        'max',
        '>16.7',
        '100%: mean',
        'p95',
        'max',
        '>16.7',
      ],
      ...results.map((result, index) => [
        `${index + 1}`,
        ms(result.firstRenderMs),
        ms(result.nodesVisibleMs),
        ms(result.loading.flow?.end ?? null),
        ms(result.longestTaskMs),
        `${result.heapUsedMb.toFixed(1)} MB`,
        `${result.domNodes}`,
        result.fitZoom.toFixed(3),
        `${result.onScreen}`,
        ...frameCells(result.panFit),
        ...frameCells(result.pan100),
      ]),
    ]),
  );

  const firstRender = results.map((result) => result.firstRenderMs);
  const summary = {
    benchmark: 'editorCanvas',
    date: new Date().toISOString(),
    chromium: browser.version(),
    viewport: VIEWPORT,
    cores: availableParallelism(),
    loadAverage: {
      before: Math.round(loadBefore * 100) / 100,
      after: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    },
    runs,
    nodes: NODE_COUNT,
    edges: edgeCount,
    firstRenderMs: {
      median: Math.round(median(firstRender)),
      min: Math.round(Math.min(...firstRender)),
      max: Math.round(Math.max(...firstRender)),
      runs: firstRender.map(Math.round),
    },
    /** Main-thread time from navigation to the rendered canvas (medians). */
    renderMainThread: {
      taskMs: Math.round(median(results.map((result) => result.renderMainThread.taskMs))),
      scriptMs: Math.round(median(results.map((result) => result.renderMainThread.scriptMs))),
      styleLayoutMs: Math.round(median(results.map((result) => result.renderMainThread.styleLayoutMs))),
    },
    nodesVisibleMs: Math.round(median(results.map((result) => result.nodesVisibleMs))),
    /** Medians, ms from navigation start: when each piece had arrived (the flow: also when it was asked for). */
    loadingMs: Object.fromEntries(
      (['script', 'session', 'editorChunk', 'flow'] as const).map((name) => [
        name,
        {
          start: Math.round(median(results.map((result) => result.loading[name]?.start ?? Number.NaN))),
          end: Math.round(median(results.map((result) => result.loading[name]?.end ?? Number.NaN))),
        },
      ]),
    ),
    longestTaskMs: Math.round(median(results.map((result) => result.longestTaskMs))),
    blockingMs: Math.round(median(results.map((result) => result.blockingMs))),
    heapUsedMb: Math.round(median(results.map((result) => result.heapUsedMb)) * 10) / 10,
    domNodes: median(results.map((result) => result.domNodes)),
    fitView: {
      zoom: Math.round(median(results.map((result) => result.fitZoom)) * 1000) / 1000,
      nodesOnScreen: median(results.map((result) => result.onScreen)),
    },
    idleFrames: frameSummary(results.map((result) => result.idle)),
    panAtFitView: frameSummary(results.map((result) => result.panFit)),
    panAt100: {
      zoom: Math.round(median(results.map((result) => result.pan100.zoom)) * 1000) / 1000,
      ...frameSummary(results.map((result) => result.pan100)),
    },
  };
  const frameRow = (name: string, stats: ReturnType<typeof frameSummary>) => [
    name,
    `${stats.frames}`,
    `${stats.meanMs} ms`,
    `${stats.p95Ms} ms`,
    `${stats.maxMs} ms`,
    `${Math.round(stats.overBudgetShare * 100)}%`,
    `${stats.fps}`,
    `${stats.moves}`,
    `${stats.viewUpdates}`,
    `${stats.longestTaskMs} ms`,
    `${Math.round(stats.mainThreadBusyShare * 100)}%`,
    `${Math.round(stats.scriptShare * 100)}%`,
    `${Math.round(stats.styleLayoutShare * 100)}%`,
  ];
  console.log(`\nAll ${runs} runs`);
  console.log(
    `first render: median ${summary.firstRenderMs.median} ms (min ${summary.firstRenderMs.min}, max ${summary.firstRenderMs.max}); ` +
      `longest task ${summary.longestTaskMs} ms, total blocking ${summary.blockingMs} ms`,
  );
  const span = (name: string) => {
    const times = summary.loadingMs[name];
    return times === undefined ? '-' : `${times.start}→${times.end} ms`;
  };
  console.log(
    `  requested→received: page script ${span('script')}, GET /api/session ${span('session')}, ` +
      `editor chunk ${span('editorChunk')}, GET /api/flows/<id> ${span('flow')}; ` +
      `nodes visible ${summary.nodesVisibleMs} ms, painted ${summary.firstRenderMs.median} ms`,
  );
  console.log(
    `main thread until then: ${summary.renderMainThread.taskMs} ms busy, of which script ` +
      `${summary.renderMainThread.scriptMs} ms, style + layout ${summary.renderMainThread.styleLayoutMs} ms`,
  );
  console.log(
    `JS heap after render (after GC): ${summary.heapUsedMb} MB, ${summary.domNodes} DOM nodes; ` +
      `fit view: zoom ${summary.fitView.zoom}, ${summary.fitView.nodesOnScreen}/${NODE_COUNT} nodes fully on screen`,
  );
  console.log(
    table([
      [
        'frames',
        'count',
        'mean',
        'p95',
        'max',
        '>16.7 ms',
        'fps',
        'mouse moves',
        'view updates',
        'longest task',
        'main thread busy',
        'script',
        'style+layout',
      ],
      frameRow('idle (fit view)', summary.idleFrames),
      frameRow('panning, fit view', summary.panAtFitView),
      frameRow(`panning, zoom ${summary.panAt100.zoom}`, summary.panAt100),
    ]),
  );
  console.log(JSON.stringify(summary));
} finally {
  await browser?.close();
  if (server !== undefined) {
    server.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  }
  await db?.close();
  rmSync(directory, { recursive: true, force: true });
}
