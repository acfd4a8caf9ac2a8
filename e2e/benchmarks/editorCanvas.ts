// How the browser editor's canvas copes with a big flow: a generated 500-node call flow (menus, plays,
// HTTP lookups, conditions, dials, hang-ups; valid, every outcome connected) opened in Chromium at
// 1280×800 from the API serving the built editor, with a throw-away SQLite database. Per run (each in
// a fresh browser context, after one warm-up run that is not counted) it measures:
//   - first render: from the navigation start of /flows/<id> to the first frame painted after the
//     opening view is drawn (the editor set the view, Start and the nodes in view measured);
//   - the JS heap after that render (after a forced garbage collection; CDP Performance.getMetrics);
//   - frame times while panning: the empty canvas is dragged with the mouse for ~2 s in small steps
//     (a move every 16 ms, as a 60 Hz mouse) while a requestAnimationFrame loop in the page records
//     frame intervals; once at the view the editor opens with (fit view at a readable zoom: for 500
//     nodes, the start of the flow), once zoomed out until the whole flow is on screen (all 500
//     drawn: what fit view showed before) and once zoomed to 100%; with the page's main-thread time.
// Also where the first render's time goes (when the page script, the session check, the editor's
// lazy chunk and the flow arrived) and the main-thread time until then. Frame times depend on the
// machine: headless Chromium here composites in software (no GPU).
// No Asterisk, no runtime, no SIP: only the API, the database and the browser.
// Run: node --import tsx e2e/benchmarks/editorCanvas.ts [runs]      (npm run bench:editor)
// The flow is made in editorCanvas/generateFlow.ts, a run measured in editorCanvas/measureRun.ts.
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { flowDetail } from '@callflow/contract';
import { validateFlow } from '@callflow/flow';
import type { Browser } from 'playwright-core';
import { ApiSession } from '../harness/ApiSession.ts';
import { type ProductApi, startProductApi } from '../harness/startProductApi.ts';
import { launchBrowser } from '../lib/browser.ts';
import { printTable } from '../lib/report.ts';
import { REPO_ROOT } from '../lib/sandbox.ts';
import { quantile as nearestRank } from '../lib/statistics.ts';
import { openMigrated, throwawaySqliteUrl } from '../lib/throwawayDatabase.ts';
import { generateFlow } from './editorCanvas/generateFlow.ts';
import {
  BENCH_PASSWORD,
  BENCH_USER,
  type FrameStats,
  measureRun,
  NODE_COUNT,
  type RunResult,
  VIEWPORT,
} from './editorCanvas/measureRun.ts';

const EDITOR_DIST = `${REPO_ROOT}apps/editor/dist`;
/** One frame at 60 Hz; an interval longer than this (plus 1 ms for timer jitter) missed a frame. */
const FRAME_BUDGET_MS = 1000 / 60;
const ADMIN_PASSWORD = 'bench-first-admin-password-1';

const runsArgument = process.argv[2] ?? '5';
const runs = Number(runsArgument);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`runs must be a positive integer, got "${runsArgument}"`);

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

const db = await openMigrated(throwawaySqliteUrl('callflow-bench-editor-'));
let api: ProductApi | undefined;
let browser: Browser | undefined;
try {
  api = await startProductApi(db, {
    EDITOR_DIR: EDITOR_DIST,
    CALLFLOW_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // Never talk to an Asterisk, even if the shell has these set.
    ARI_URL: undefined,
    ARI_USERNAME: undefined,
    ARI_PASSWORD: undefined,
  });
  const url = api.url;

  // The first admin must change its password; a second admin, created by it, need not.
  const admin = await ApiSession.logInAsFirstAdmin(url, ADMIN_PASSWORD, `${ADMIN_PASSWORD}-chosen`);
  const user = await admin.request('POST', '/api/users', {
    username: BENCH_USER,
    password: BENCH_PASSWORD,
    role: 'admin',
    mustChangePassword: false,
  });
  if (user.status !== 201)
    throw new Error(`cannot create the benchmark user: HTTP ${user.status} ${user.text}`);
  const created = await admin.request('POST', '/api/flows', {
    name: 'Benchmark: 500 nodes',
    document: generated.document,
  });
  if (created.status !== 201)
    throw new Error(`cannot create the flow: HTTP ${created.status} ${created.text.slice(0, 500)}`);
  const flow = flowDetail.parse(created.json);

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

  const flowSize = { width: generated.width, height: generated.height };
  await measureRun(browser, url, flow.id, flowSize);
  const results: RunResult[] = [];
  for (let run = 0; run < runs; run++) {
    results.push(await measureRun(browser, url, flow.id, flowSize));
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
  printTable(
    [
      'run',
      'first render',
      'nodes shown',
      'flow JSON in',
      'longest task',
      'heap',
      'DOM nodes',
      'open zoom',
      'drawn',
      'on screen',
      'open: mean',
      'p95',
      'max',
      '>16.7',
      '100%: mean',
      'p95',
      'max',
      '>16.7',
    ],
    results.map((result, index) => [
      `${index + 1}`,
      ms(result.firstRenderMs),
      ms(result.nodesVisibleMs),
      ms(result.loading.flow?.end ?? null),
      ms(result.longestTaskMs),
      `${result.heapUsedMb.toFixed(1)} MB`,
      `${result.domNodes}`,
      result.fitZoom.toFixed(3),
      `${result.nodesDrawn}`,
      `${result.onScreen}`,
      ...frameCells(result.panFit),
      ...frameCells(result.pan100),
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
    /** The view the editor opens with: fit view at a readable zoom (the whole flow only if it fits). */
    fitView: {
      zoom: Math.round(median(results.map((result) => result.fitZoom)) * 1000) / 1000,
      nodesDrawn: median(results.map((result) => result.nodesDrawn)),
      nodesOnScreen: median(results.map((result) => result.onScreen)),
    },
    idleFrames: frameSummary(results.map((result) => result.idle)),
    panAtFitView: frameSummary(results.map((result) => result.panFit)),
    /** Zoomed out to the whole flow, every node drawn (what fit view showed before it kept text readable). */
    panWholeFlow: {
      zoom: Math.round(median(results.map((result) => result.panWhole.zoom)) * 1000) / 1000,
      drawMs: Math.round(median(results.map((result) => result.panWhole.drawMs))),
      ...frameSummary(results.map((result) => result.panWhole)),
    },
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
      `opening view (readable fit): zoom ${summary.fitView.zoom}, ${summary.fitView.nodesDrawn} nodes drawn, ` +
      `${summary.fitView.nodesOnScreen}/${NODE_COUNT} fully on screen; zoomed out to the whole flow ` +
      `(zoom ${summary.panWholeFlow.zoom}): all ${NODE_COUNT} drawn ${summary.panWholeFlow.drawMs} ms after the wheel`,
  );
  printTable(
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
    [
      frameRow('idle (opening view)', summary.idleFrames),
      frameRow(`panning, opening view (zoom ${summary.fitView.zoom})`, summary.panAtFitView),
      frameRow(`panning, whole flow (zoom ${summary.panWholeFlow.zoom})`, summary.panWholeFlow),
      frameRow(`panning, zoom ${summary.panAt100.zoom}`, summary.panAt100),
    ],
  );

  console.log(JSON.stringify(summary));
} finally {
  await browser?.close();
  await api?.close();
  await db.close();
}
