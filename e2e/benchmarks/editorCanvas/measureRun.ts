import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { waitFor } from '../../lib/waitFor.ts';
import {
  allNodesDrawn,
  firstRenderResult,
  framesResult,
  readFirstRender,
  readView,
  startFrameRecording,
  stopFrameRecording,
  viewResult,
  watchFirstRender,
} from './pageScripts.ts';

export const NODE_COUNT = 500;
export const VIEWPORT = { width: 1280, height: 800 };
const PAN_MS = 2000;
const MOVE_EVERY_MS = 16;
const IDLE_MS = 1000;
export const BENCH_USER = 'bench-admin';
export const BENCH_PASSWORD = 'bench-admin-password-1';

// How one run is measured: the first render, then frames idle and while panning.

/** Main-thread time of the page (CDP Performance.getMetrics, counted from Performance.enable). */
export interface MainThread {
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

export interface FrameStats {
  intervals: number[];
  mainThread: MainThread;
  /** Mouse moves sent (one per 16 ms unless the page is slower to take them). */
  moves: number;
  /** Frames in which the canvas showed a new position. */
  viewUpdates: number;
  longestTask: number;
}
export interface RunResult {
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
  /** Nodes drawn in the opening view (a big flow opens at a readable zoom, not all of it drawn). */
  nodesDrawn: number;
  onScreen: number;
  fitZoom: number;
  canvas: { width: number; height: number };
  idle: FrameStats;
  panFit: FrameStats;
  /** Zoomed out until the whole flow is on screen (what fit view did before it kept text readable). */
  panWhole: FrameStats & { zoom: number; drawMs: number };
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
  return { zoom: view.zoom, x: view.x, y: view.y, pane: view.pane, canvas: view.canvas };
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

/** One wheel event of the right size zooms from `from` to `to` around the pointer (d3-zoom: a factor
 * of 2^(-deltaY × 0.002) per pixel-mode wheel event). */
async function zoomTo(page: Page, at: { x: number; y: number }, from: number, to: number): Promise<void> {
  await page.mouse.move(at.x, at.y);
  await page.mouse.wheel(0, -Math.log2(to / from) / 0.002);
  await sleep(800);
}

export async function measureRun(
  browser: Browser,
  url: string,
  flowId: string,
  flowSize: { width: number; height: number },
): Promise<RunResult> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const login = await context.request.post(`${url}/api/session`, {
      data: { username: BENCH_USER, password: BENCH_PASSWORD },
    });
    if (login.status() !== 200) throw new Error(`cannot log the browser in: HTTP ${login.status()}`);
    await context.addInitScript({ content: watchFirstRender });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${url}/flows/${flowId}`, { waitUntil: 'commit' });
    // Polled from here through the DevTools protocol: page.waitForFunction compiles its predicate in
    // the page, which the product's Content-Security-Policy (no 'unsafe-eval') refuses. The render
    // time itself is taken in the page (watchFirstRender), so the polling does not change it.
    const rendered = async () =>
      (await page.evaluate(
        'window.__callflowBench !== undefined && window.__callflowBench.renderedAt !== null',
      )) === true;
    try {
      await waitFor(rendered, 120_000, () => 'the flow to finish rendering', undefined, 100);
    } catch (error) {
      const shown = await page.evaluate('document.body.innerText.slice(0, 300)');
      throw new Error(`the flow never finished rendering; the page shows: ${JSON.stringify(shown)}`, {
        cause: error,
      });
    }
    const render = firstRenderResult.parse(await page.evaluate(readFirstRender));

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

    // The whole flow on screen, as the old fit view showed it: zoomed out around the one point that
    // leaves the flow (laid out from 0,0) centred (zooming by k around p maps offset o to p - (p - o)k).
    await sleep(300);
    const opening = await viewOf(page);
    const { canvas } = opening;
    const wholeZoom = Math.max(
      0.1,
      Math.min(canvas.width / flowSize.width, canvas.height / flowSize.height) / 1.2,
    );
    const k = wholeZoom / opening.zoom;
    const around = (offset: number, pane: number, size: number) =>
      ((pane - size * wholeZoom) / 2 - offset * k) / (1 - k);
    const zoomAt = {
      x: canvas.left + around(opening.x, canvas.width, flowSize.width),
      y: canvas.top + around(opening.y, canvas.height, flowSize.height),
    };
    const zoomStarted = performance.now();
    await zoomTo(page, zoomAt, opening.zoom, wholeZoom);
    await waitFor(
      async () => (await page.evaluate(allNodesDrawn(NODE_COUNT))) === true,
      60_000,
      () => `all ${NODE_COUNT} nodes drawn after zooming out`,
      undefined,
      50,
    );
    const drawMs = performance.now() - zoomStarted - 800;
    const whole = await viewOf(page);
    const panWhole = await pan(page, cdp, whole.pane, amplitude);

    await sleep(300);
    const before = await viewOf(page);
    await zoomTo(page, before.pane, before.zoom, 1);
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
      nodesDrawn: render.nodes,
      onScreen: render.onScreen,
      fitZoom: fit.zoom,
      canvas: render.canvas,
      idle,
      panFit,
      panWhole: { ...panWhole, zoom: whole.zoom, drawMs },
      pan100: { ...pan100, zoom: zoomed.zoom },
    };
  } finally {
    await context.close();
  }
}
