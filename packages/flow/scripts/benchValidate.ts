// Times validateFlow on a generated chain of set-variable nodes, each using the previous one's variable.
// Run: npm run -w @callflow/flow bench:validate [-- <nodes>]
import { validateFlow } from '../src/index.ts';

const size = Number(process.argv[2] ?? 5000);
const nodes: unknown[] = [{ id: 'n0', kind: 'start', options: {} }];
const edges: unknown[] = [];
for (let i = 1; i < size; i++) {
  nodes.push({ id: `n${i}`, kind: 'setVariable', options: { name: `v${i}`, value: `{{vars.v${i - 1}}}` } });
  edges.push({ id: `e${i}`, source: `n${i - 1}`, port: 'next', target: `n${i}` });
}
const document = { schemaVersion: 1, nodes, edges };
validateFlow(document); // warm-up
const runs: number[] = [];
for (let run = 0; run < 5; run++) {
  const started = performance.now();
  validateFlow(document);
  runs.push(performance.now() - started);
}
runs.sort((a, b) => a - b);
console.log(
  `validateFlow, ${size}-node chain: median ${runs[2]?.toFixed(0)} ms, min ${runs[0]?.toFixed(0)} ms (5 runs)`,
);
