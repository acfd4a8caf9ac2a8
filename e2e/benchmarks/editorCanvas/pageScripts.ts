import { z } from 'zod';

// What runs in the page. Plain JavaScript strings: e2e is type-checked without the DOM library, and
// whatever comes back is outside data, parsed with zod below.

/**
 * Installed before the editor's own scripts: long tasks, and the moment the editor's opening view is
 * on screen. The editor opens at a readable zoom (60 % or more), so a big flow is not all drawn: the
 * opening view is there when the editor has set the view (the viewport moved from React Flow's
 * initial one), Start and at least one connection are drawn, and every drawn node is measured.
 */
export const watchFirstRender = `(() => {
  if (!location.pathname.startsWith('/flows/')) return;
  const bench = { nodesAt: null, renderedAt: null, longTasks: [], frames: [], viewUpdates: 0, recording: false };
  window.__callflowBench = bench;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const initial = /translate\\(0px, 0px\\) scale\\(1\\)/;
  const check = () => {
    const viewport = document.querySelector('.react-flow__viewport');
    const nodes = document.querySelectorAll('.react-flow__node');
    if (bench.nodesAt === null && viewport !== null && !initial.test(viewport.style.transform) &&
        document.querySelector('.flow-node[data-kind="start"]') !== null && nodes.length > 0 &&
        Array.prototype.every.call(nodes, (node) => node.style.visibility !== 'hidden'))
      bench.nodesAt = performance.now();
    if (bench.nodesAt !== null && document.querySelectorAll('.react-flow__edge').length > 0) {
      // This callback runs before the frame that shows the finished canvas is painted; the next one after.
      requestAnimationFrame(() => { bench.renderedAt = performance.now(); });
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

/** Whether all of the flow's nodes are drawn and measured (after zooming out to see it whole). */
export const allNodesDrawn = (expectedNodes: number) => `(() => {
  const nodes = document.querySelectorAll('.react-flow__node');
  return nodes.length >= ${expectedNodes} &&
    Array.prototype.every.call(nodes, (node) => node.style.visibility !== 'hidden');
})()`;

export const readFirstRender = `(() => {
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
export const readView = `(() => {
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
  const shift = /translate\\(([-\\d.]+)px, ([-\\d.]+)px\\)/.exec(viewport.style.transform);
  return {
    zoom: match ? Number(match[1]) : null,
    x: shift ? Number(shift[1]) : 0,
    y: shift ? Number(shift[2]) : 0,
    pane: best,
    canvas: { left: canvas.left, top: canvas.top, width: canvas.width, height: canvas.height },
  };
})()`;

export const startFrameRecording = `(() => {
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

export const stopFrameRecording = `(() => {
  const bench = window.__callflowBench;
  bench.recording = false;
  return {
    frames: bench.frames,
    viewUpdates: bench.viewUpdates,
    longTasks: bench.longTasks.filter((task) => task.start >= bench.recordingSince),
  };
})()`;

const longTask = z.object({ start: z.number(), duration: z.number() });
export const firstRenderResult = z.object({
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
export const viewResult = z.object({
  zoom: z.number().nullable(),
  x: z.number(),
  y: z.number(),
  pane: z.object({ x: z.number(), y: z.number() }).nullable(),
  canvas: z.object({ left: z.number(), top: z.number(), width: z.number(), height: z.number() }),
});
export const framesResult = z.object({
  frames: z.array(z.number()),
  viewUpdates: z.number(),
  longTasks: z.array(longTask),
});
