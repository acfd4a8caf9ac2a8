import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathOf } from '../harness/CallflowHarness.ts';
import { flow, sound } from '../harness/flowBuilder.ts';
import { useAriObserver } from '../harness/useAriObserver.ts';
import { useCallflow } from '../harness/useCallflow.ts';
import { AriHttpError, ariDelete, ariGet, ariGetBytes, REPO_ROOT } from '../lib/sandbox.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';

/** The device state the flow sets; Asterisk keeps it in its database across runs, so each run starts without it. */
const agentDevice = '/deviceStates/Stasis%3Ae2e-agent-5550123';

async function removeAgentDeviceState(): Promise<void> {
  try {
    await ariDelete(agentDevice);
  } catch (error) {
    // 404: there was none to remove.
    if (!(error instanceof AriHttpError && error.status === 404)) throw error;
  }
}

/** Where the sandbox Asterisk stores recordings (asterisk-sandbox.sh: astspooldir inside its root). */
const recordingsDir = join(
  process.env.SANDBOX_ROOT ?? join(REPO_ROOT, '.cache', 'asterisk-root'),
  'var/spool/callflow-asterisk/recording',
);

/** Records a message with `options`; plays 9 when the record step takes its error port. */
const voicemailFlow = (options: Record<string, unknown>) =>
  flow(
    [
      { id: 'start', kind: 'start' },
      { id: 'answer', kind: 'answer' },
      { id: 'voicemail', kind: 'record', options },
      { id: 'sorry', kind: 'play', options: { prompts: [{ type: 'digits', value: '9' }] } },
      { id: 'bye', kind: 'hangup' },
    ],
    [
      'start.next -> answer',
      'answer.next -> voicemail',
      'voicemail.next -> bye',
      'voicemail.error -> sorry',
      'sorry.next -> bye',
    ],
  );

describe('collect digits, condition, record, device state, play on real calls', () => {
  const harness = useCallflow();
  const asterisk = useAriObserver();

  afterAll(async () => {
    await removeAgentDeviceState();
    await rm(join(recordingsDir, 'e2e-blocked'), { force: true });
  });

  beforeAll(async () => {
    await removeAgentDeviceState();
    await harness.publish(
      '7204',
      voicemailFlow({ nameTemplate: 'e2e/silent-{{call.id}}', maxDurationSeconds: 6, maxSilenceSeconds: 2 }),
    );
    await harness.publish(
      '7203',
      voicemailFlow({ nameTemplate: 'e2e-blocked/{{call.id}}', maxDurationSeconds: 2, maxSilenceSeconds: 0 }),
    );
    await harness.publish(
      '7201',
      flow(
        [
          { id: 'start', kind: 'start' },
          { id: 'answer', kind: 'answer' },
          {
            id: 'account',
            kind: 'collectDigits',
            options: { variable: 'account', minLength: 3, maxLength: 6, timeoutSeconds: 4 },
          },
          {
            id: 'known',
            kind: 'condition',
            options: { left: '{{vars.account}}', operator: 'equals', right: '4711' },
          },
          {
            id: 'welcome',
            kind: 'play',
            options: { prompts: [{ type: 'digits', value: '{{vars.account}}' }] },
          },
          { id: 'unknown', kind: 'play', options: { prompts: [sound('hello-world')] } },
          { id: 'none', kind: 'hangup', options: { cause: 'normal' } },
          { id: 'bye', kind: 'hangup' },
        ],
        [
          'start.next -> answer',
          'answer.next -> account',
          'account.next -> known',
          'account.timeout -> none',
          'known.true -> welcome',
          'known.false -> unknown',
          'welcome.next -> bye',
          'unknown.next -> bye',
        ],
      ),
    );
    await harness.publish(
      '7202',
      flow(
        [
          { id: 'start', kind: 'start' },
          { id: 'answer', kind: 'answer' },
          {
            id: 'busy',
            kind: 'setDeviceState',
            options: { device: 'e2e-agent-{{caller.number}}', state: 'INUSE' },
          },
          {
            id: 'voicemail',
            kind: 'record',
            options: {
              nameTemplate: 'e2e/{{call.id}}',
              maxDurationSeconds: 3,
              maxSilenceSeconds: 0,
              beep: true,
            },
          },
          {
            id: 'playback',
            kind: 'play',
            options: { prompts: [{ type: 'recording', name: '{{vars.recording}}' }] },
          },
          { id: 'bye', kind: 'hangup' },
        ],
        [
          'start.next -> answer',
          'answer.next -> busy',
          'busy.next -> voicemail',
          'voicemail.next -> playback',
          'playback.next -> bye',
        ],
      ),
    );
  });

  it('collects digits into a variable that a condition then tests', async () => {
    const since = new Date();
    const call = await placeCall({
      extension: '7201',
      script: [{ pauseMs: 800 }, { dtmf: '4711#' }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall('7201', since);
    expect(pathOf(logged)).toEqual([
      'start:next',
      'answer:next',
      'account:next',
      'known:true',
      'welcome:next',
      'bye:ended',
    ]);
    expect(logged.steps[2]?.variables).toBe('{"vars.account":"4711"}');
  });

  it('takes the false branch for another number and the timeout port for too few digits', async () => {
    let since = new Date();
    const other = await placeCall({
      extension: '7201',
      script: [{ pauseMs: 800 }, { dtmf: '1234#' }],
      expectRemoteHangup: true,
    });
    expect(other.ok, other.errors ?? other.stderr).toBe(true);
    expect(pathOf(await harness.waitForCall('7201', since))).toContain('known:false');

    since = new Date();
    const short = await placeCall({
      extension: '7201',
      script: [{ pauseMs: 800 }, { dtmf: '12' }, { pauseMs: 5000 }],
      expectRemoteHangup: true,
    });
    expect(short.ok, short.errors ?? short.stderr).toBe(true);
    expect(pathOf(await harness.waitForCall('7201', since))).toEqual([
      'start:next',
      'answer:next',
      'account:timeout',
      'none:ended',
    ]);
  });

  it('sets a device state that reads back from ARI, and records a file fetchable from ARI', async () => {
    const since = new Date();
    const call = await placeCall({
      extension: '7202',
      from: '5550123',
      script: [{ pauseMs: 500 }, { audioMs: 4000 }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall('7202', since);
    expect(pathOf(logged)).toEqual([
      'start:next',
      'answer:next',
      'busy:next',
      'voicemail:next',
      'playback:next',
      'bye:ended',
    ]);

    const state = await ariGet<{ name: string; state: string }>(agentDevice);
    expect(state.state).toBe('INUSE');

    const recordingName = `e2e/${logged.id}`;
    expect(logged.steps[3]?.variables).toBe(JSON.stringify({ 'vars.recording': recordingName }));
    const stored = await ariGet<{ name: string; format: string }>(
      `/recordings/stored/${encodeURIComponent(recordingName)}`,
    );
    expect(stored).toMatchObject({ name: recordingName, format: 'wav' });
    const file = await ariGetBytes(`/recordings/stored/${encodeURIComponent(recordingName)}/file`);
    expect(file.subarray(0, 4).toString()).toBe('RIFF');
    expect(file.length).toBeGreaterThan(8000); // a few seconds of 8 kHz audio, not an empty header
  });

  it('takes the record error port when Asterisk cannot write the recording', async () => {
    // A file where the recording's folder would go: Asterisk cannot create e2e-blocked/<call id>.wav.
    await mkdir(recordingsDir, { recursive: true });
    await writeFile(join(recordingsDir, 'e2e-blocked'), 'not a folder');
    const since = new Date();
    const call = await placeCall({
      extension: '7203',
      script: [{ pauseMs: 500 }, { audioMs: 3000 }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall('7203', since);
    expect(pathOf(logged)).toEqual([
      'start:next',
      'answer:next',
      'voicemail:error',
      'sorry:next',
      'bye:ended',
    ]);
    expect(logged.outcome).toBe('completed');
    expect(logged.steps[2]?.error).toMatch(/^Asterisk kept no file for recording e2e-blocked\//);
    expect(asterisk.current.mediaPlayedTo(logged.channelId)).toEqual(['digits:9']);
  });

  it('a caller who says nothing: the recording stops on silence, is kept, and the flow goes on', async () => {
    const since = new Date();
    const call = await placeCall({
      extension: '7204',
      script: [{ pauseMs: 9000 }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall('7204', since);
    expect(pathOf(logged)).toEqual(['start:next', 'answer:next', 'voicemail:next', 'bye:ended']);
    // Asterisk keeps a silent take: the check for the stored file does not turn it into an error.
    const name = `e2e/silent-${logged.id}`;
    expect(await ariGet<{ name: string }>(`/recordings/stored/${encodeURIComponent(name)}`)).toMatchObject({
      name,
    });
  });

  it('keeps the recording when the caller hangs up while recording', async () => {
    const since = new Date();
    const call = await placeCall({
      extension: '7202',
      script: [{ pauseMs: 500 }, { audioMs: 1500 }, { hangup: true }],
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall('7202', since);
    expect(logged.outcome).toBe('caller_hangup');
    expect(pathOf(logged).at(-1)).toBe('voicemail:(caller hung up)');
    const recordingName = `e2e/${logged.id}`;
    await harness.waitUntil(
      async () => {
        const stored = await ariGet<{ name: string }[]>('/recordings/stored');
        return stored.some((recording) => recording.name === recordingName);
      },
      5000,
      'the interrupted recording to be stored',
    );
  });
});
