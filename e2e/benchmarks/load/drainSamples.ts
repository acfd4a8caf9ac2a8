import { z } from 'zod';

const samplesResponse = z.object({ samples: z.array(z.number()) });

/** GET of a latency endpoint (the runtime's stepLatencyRecorder, the baseline's): the samples since the last. */
export async function drainSamples(url: string): Promise<number[]> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return samplesResponse.parse(await response.json()).samples;
}
