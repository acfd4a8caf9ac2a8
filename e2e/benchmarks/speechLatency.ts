// Measures how soon a say prompt with a variable starts playing on the real Asterisk: from the runtime
// entering the play node to Asterisk's PlaybackStarted, and, for a text not spoken before (cold), to
// Asterisk having fetched the rendering from the runtime's media listener (it plays nothing before).
// Cold: each round's caller number is new, so its sentence is rendered during the call (espeak-ng +
// sox, or the configured CALLFLOW_TTS_URL engine). Warm: the same caller again, so the sentence comes
// from the runtime's speech cache and Asterisk's media cache (no rendering, no fetch).
// Run: node --import tsx e2e/benchmarks/speechLatency.ts [rounds]
import { cpus, loadavg } from 'node:os';
import WebSocket from 'ws';
import { z } from 'zod';
import { CallflowHarness } from '../harness/CallflowHarness.ts';
import { flow, say } from '../harness/flowBuilder.ts';
import { ariEventsUrl, ensureSandbox } from '../lib/sandbox.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';
import { quantile } from '../lib/statistics.ts';

const rounds = Number(process.argv[2] ?? 10);
const extension = '7990';
const document = flow(
  [
    { id: 'start', kind: 'start', options: { language: 'en' } },
    { id: 'answer', kind: 'answer' },
    {
      id: 'say',
      kind: 'play',
      options: {
        prompts: [say('Your number is {{caller.number}}')],
      },
    },
    { id: 'bye', kind: 'hangup' },
  ],
  ['start.next -> answer', 'answer.next -> say', 'say.next -> bye', 'say.error -> bye'],
);

const harness = new CallflowHarness();
const ari = await ensureSandbox();
await harness.start(ari);
await harness.publish(extension, document, 'speech latency');

const playbackStarted = z.object({
  type: z.literal('PlaybackStarted'),
  timestamp: z.string(),
  playback: z.object({ target_uri: z.string(), media_uri: z.string() }).loose(),
});
/** PlaybackStarted by channel id: when Asterisk started, and what. */
const started = new Map<string, { at: number; media: string }>();
const observer = new WebSocket(ariEventsUrl(ari, [`bench-speech-${process.pid}`], true));
await new Promise((resolve, reject) => {
  observer.once('open', resolve);
  observer.once('error', reject);
});
observer.on('message', (data) => {
  const event = playbackStarted.safeParse(JSON.parse(data.toString()));
  if (!event.success) return;
  const channelId = event.data.playback.target_uri.replace(/^channel:/, '');
  // Asterisk writes the zone as +0000.
  const at = Date.parse(event.data.timestamp.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  started.set(channelId, { at, media: event.data.playback.media_uri });
});

/** When the runtime's log says (after `from`) the media listener served `path`: Asterisk's fetch ended. */
function servedAt(path: string, from: number): number | undefined {
  const line = harness.runtimeOutput
    .slice(from)
    .split('\n')
    .find(
      (text) =>
        text.includes('media request') && text.includes(`path=${path}`) && text.includes('result=served'),
    );
  return line === undefined ? undefined : Date.parse(line.slice(0, 24));
}
const renderMs = () =>
  harness.runtimeOutput
    .split('\n')
    .filter((text) => text.includes('speech rendered'))
    .map((text) => Number(/ ms=(\d+)/.exec(text)?.[1]));

interface Measured {
  toPlaybackStarted: number;
  toAudioFetched: number | undefined;
  media: string;
}

async function oneCall(caller: string): Promise<Measured> {
  const since = new Date();
  const outputFrom = harness.runtimeOutput.length;
  const result = await placeCall({ extension, from: caller, expectRemoteHangup: true, timeoutMs: 30_000 });
  if (!result.ok)
    throw new Error(`call from ${caller} failed: ${result.errors ?? result.stderr.slice(-500)}`);
  const call = await harness.waitForCall(extension, since);
  const step = await harness.db.prisma.callStep.findFirst({ where: { callId: call.id, nodeId: 'say' } });
  const playback = started.get(call.channelId);
  if (step === null || playback === undefined || step.port !== 'next')
    throw new Error(`call ${call.channelId}: no say step that played (${step?.error ?? 'no step'})`);
  const entered = step.enteredAt.getTime();
  const path = new URL(playback.media.replace(/^sound:/, '')).pathname;
  const fetched = servedAt(path, outputFrom);
  return {
    toPlaybackStarted: playback.at - entered,
    toAudioFetched: fetched === undefined ? undefined : Math.max(fetched, playback.at) - entered,
    media: playback.media,
  };
}

const cold: Measured[] = [];
const warm: Measured[] = [];
for (let round = 0; round < rounds; round++) {
  const caller = `5550${String(Date.now() % 100_000).padStart(5, '0')}${round}`;
  cold.push(await oneCall(caller));
  warm.push(await oneCall(caller));
  if (warm.at(-1)?.media !== cold.at(-1)?.media) throw new Error('the warm call played another rendering');
  if (warm.at(-1)?.toAudioFetched !== undefined)
    throw new Error('Asterisk fetched the warm call’s audio again');
}
observer.close();
await harness.stop();

const summary = (values: number[]) => {
  const at = (q: number) => quantile(values, q) ?? 0;
  return `p50 ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, max ${at(1).toFixed(0)} ms`;
};
const fetched = cold.map((m) => m.toAudioFetched).filter((ms): ms is number => ms !== undefined);
const load = loadavg()
  .map((value) => value.toFixed(1))
  .join(' ');
console.log(
  `machine: ${cpus().length} cores, load average ${load} (other work on the machine slows the engine)`,
);
console.log(
  `rounds: ${rounds}; say prompt "Your number is {{caller.number}}" (${harness.runtimeOutput.includes('speech=http') ? 'HTTP engine' : 'espeak-ng'})`,
);
console.log(
  `cold (rendered in the call): node entry -> PlaybackStarted:        ${summary(cold.map((m) => m.toPlaybackStarted))}`,
);
console.log(
  `cold (rendered in the call): node entry -> audio fetched by Asterisk: ${summary(fetched)} (${fetched.length} of ${rounds} fetches seen)`,
);
console.log(`cold: rendering alone (engine + conversion):                          ${summary(renderMs())}`);
console.log(
  `warm (cached, not fetched again): node entry -> PlaybackStarted:      ${summary(warm.map((m) => m.toPlaybackStarted))}`,
);
process.exit(0);
