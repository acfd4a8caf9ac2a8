// Measures how long a publish, a republish and an unpublish take to reach Asterisk: from the database
// write to ARI listing (or no longer listing) the extension's Stasis app, and to a new version serving.
// Run: node --import tsx e2e/benchmarks/publishLatency.ts [rounds]
import { CallflowHarness } from '../harness/CallflowHarness.ts';
import { catalog } from '../harness/catalog.ts';
import { flow } from '../harness/flowBuilder.ts';
import { appRegistered, ensureSandbox } from '../lib/sandbox.ts';
import { quantile } from '../lib/statistics.ts';

const rounds = Number(process.argv[2] ?? 20);
const document = flow(
  [
    { id: 'start', kind: 'start' },
    { id: 'bye', kind: 'hangup' },
  ],
  ['start.next -> bye'],
);

const harness = new CallflowHarness();
await harness.start(await ensureSandbox());

async function timeUntil(check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
const appListed = (extension: string) => appRegistered(`callflow-${extension}`, harness.ari);

const publish: number[] = [];
const republish: number[] = [];
const unpublish: number[] = [];
for (let round = 0; round < rounds; round++) {
  const extension = `79${String(round).padStart(2, '0')}`;
  const write = () =>
    catalog.publish(harness.db, { name: `bench-${extension}`, document, extension, note: '', author: null });
  let started = performance.now();
  await write();
  publish.push(performance.now() - started + (await timeUntil(() => appListed(extension))));

  const since = new Date();
  started = performance.now();
  await write();
  await harness.waitForRuntimeEvent('publish_applied', extension, since, 5000);
  republish.push(performance.now() - started);

  started = performance.now();
  await catalog.unpublish(harness.db, extension);
  unpublish.push(performance.now() - started + (await timeUntil(async () => !(await appListed(extension)))));
}
await harness.stop();

const summary = (values: number[]) => {
  const at = (q: number) => quantile(values, q) ?? 0;
  return `p50 ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, max ${at(1).toFixed(0)} ms`;
};
console.log(`rounds: ${rounds} (poll interval ${process.env.CALLFLOW_POLL_MS ?? 250} ms)`);
console.log(`publish   -> app registered in Asterisk: ${summary(publish)}`);
console.log(`republish -> runtime serves new version:  ${summary(republish)}`);
console.log(`unpublish -> app gone from Asterisk:       ${summary(unpublish)}`);
