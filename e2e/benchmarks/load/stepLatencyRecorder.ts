// Loaded into the runtime by the load benchmark (`node --import tsx --import <this file> main.ts`):
// keeps every observation of the engine step latency histogram, so the benchmark can report the exact
// maximum (a Prometheus histogram only says which bucket it fell in) without adding anything to the
// runtime itself. It wraps the two methods involved; the runtime's own modules are the same instances
// (ES modules load once per URL), so the runtime's probes go through these wrappers.
//
// GET <url>/latency answers {"samples": [ms, ...]} with everything since the previous request.
import { createServer } from 'node:http';
import { Histogram } from '../../../apps/runtime/src/metrics/Histogram.ts';
import { StepLatencyProbe } from '../../../apps/runtime/src/metrics/StepLatencyProbe.ts';

let samples: number[] = [];
// Set only while a StepLatencyProbe reports, so the ARI request duration histograms are not recorded.
let probeReporting = false;

const observe = Histogram.prototype.observe;
Histogram.prototype.observe = function (this: Histogram, value: number): void {
  if (probeReporting) samples.push(value * 1000);
  observe.call(this, value);
};

const requestSent = StepLatencyProbe.prototype.requestSent;
StepLatencyProbe.prototype.requestSent = function (this: StepLatencyProbe): void {
  probeReporting = true;
  try {
    requestSent.call(this);
  } finally {
    probeReporting = false;
  }
};

const server = createServer((request, response) => {
  if (request.url !== '/latency') {
    response.writeHead(404).end();
    return;
  }
  const drained = samples;
  samples = [];
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ samples: drained }));
});
// Never what keeps the runtime alive when it shuts down.
server.unref();
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object')
    process.stderr.write(`bench: step latency recorder at http://127.0.0.1:${address.port}\n`);
});
