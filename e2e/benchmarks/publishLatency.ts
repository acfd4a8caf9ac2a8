// Measures how long a publish, a republish and an unpublish take to reach Asterisk: from the database
// write to ARI listing (or no longer listing) the extension's Stasis app, and to a new version serving.
// Run: node --import tsx e2e/benchmarks/publishLatency.ts [rounds]
import { validateFlow } from '@callflow/flow';
import { publishFlow, unpublishExtension } from '@callflow/runtime/catalog';
import { CallflowHarness } from '../harness/CallflowHarness.ts';
import { flow } from '../harness/flowBuilder.ts';
import { ensureSandbox } from '../support/sandbox.ts';

const rounds = Number(process.argv[2] ?? 20);
const document = validateFlow(
  flow(
    [
      { id: 'start', kind: 'start' },
      { id: 'bye', kind: 'hangup' },
    ],
    ['start.next -> bye'],
  ),
).document;
if (document === null) throw new Error('invalid benchmark flow');

const harness = new CallflowHarness();
await harness.start(await ensureSandbox());

async function timeUntil(check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
const appListed = async (extension: string) =>
  ((await harness.ariGet('/applications')) as { name: string }[]).some(
    (app) => app.name === `callflow-${extension}`,
  );

const publish: number[] = [];
const republish: number[] = [];
const unpublish: number[] = [];
for (let round = 0; round < rounds; round++) {
  const extension = `79${String(round).padStart(2, '0')}`;
  const write = () =>
    publishFlow(harness.db, {
      name: `bench-${extension}`,
      document,
      extension,
      note: '',
      author: null,
      replace: true,
    });
  let started = performance.now();
  await write();
  publish.push(performance.now() - started + (await timeUntil(() => appListed(extension))));

  const since = new Date();
  started = performance.now();
  await write();
  await harness.waitForRuntimeEvent('publish_applied', extension, since, 5000);
  republish.push(performance.now() - started);

  started = performance.now();
  await unpublishExtension(harness.db, extension);
  unpublish.push(performance.now() - started + (await timeUntil(async () => !(await appListed(extension)))));
}
await harness.stop();

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `p50 ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, max ${at(1).toFixed(0)} ms`;
};
console.log(`rounds: ${rounds} (poll interval ${process.env.CALLFLOW_POLL_MS ?? 250} ms)`);
console.log(`publish   -> app registered in Asterisk: ${summary(publish)}`);
console.log(`republish -> runtime serves new version:  ${summary(republish)}`);
console.log(`unpublish -> app gone from Asterisk:       ${summary(unpublish)}`);
