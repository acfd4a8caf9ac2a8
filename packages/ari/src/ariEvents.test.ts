import { describe, expect, it } from 'vitest';
import { type AriEvent, parseAriEvent, parseAriEventMessage } from './ariEvents.ts';
import { MAX_CALLER_NAME_LENGTH, MAX_CALLER_NUMBER_LENGTH } from './ariModels.ts';
import { bridgeJson, channelJson, playbackJson } from './testing/fixtures.ts';

const base = {
  application: 'cf-200',
  timestamp: '2025-01-01T10:00:00.000+0000',
  asterisk_id: '00:00:00:00:00:01',
};

function parseKnown(raw: Record<string, unknown>): AriEvent {
  const result = parseAriEvent({ ...base, ...raw });
  if (!result.ok || !result.known) throw new Error(`expected a known event, got ${JSON.stringify(result)}`);
  return result.event;
}

/** What a consumer does: a switch on `type` narrows to the event's own fields. */
function summarize(event: AriEvent): string {
  switch (event.type) {
    case 'StasisStart':
      return `start ${event.channel.id} ${event.args.join('|')} from ${event.channel.caller.number}`;
    case 'ChannelDtmfReceived':
      return `dtmf ${event.digit}`;
    case 'ChannelDestroyed':
      return `destroyed ${event.channel.id} ${event.cause} ${event.cause_txt}`;
    case 'PlaybackFinished':
      return `playback ${event.playback.id} ${event.playback.state} ${event.playback.target_uri}`;
    case 'RecordingFailed':
      return `recording ${event.recording.name} ${event.recording.state} ${event.recording.cause ?? ''}`;
    case 'Dial':
      return `dial ${event.peer.id} ${event.dialstatus}`;
    case 'ChannelLeftBridge':
      return `left ${event.bridge.id} ${event.channel.id}`;
    default:
      return event.type;
  }
}

describe('parseAriEvent', () => {
  it('parses the events the runtime consumes, with their fields', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'StasisStart', args: ['a', 'b'], channel: channelJson('c1') }, 'start c1 a|b from 1001'],
      [{ type: 'ChannelDtmfReceived', digit: '#', duration_ms: 120, channel: channelJson('c1') }, 'dtmf #'],
      [
        { type: 'ChannelDestroyed', cause: 17, cause_txt: 'User busy', channel: channelJson('c2') },
        'destroyed c2 17 User busy',
      ],
      [{ type: 'PlaybackFinished', playback: playbackJson('pb-1', 'done') }, 'playback pb-1 done channel:c1'],
      [
        {
          type: 'RecordingFailed',
          recording: {
            name: 'flows/x',
            format: 'wav',
            state: 'failed',
            target_uri: 'channel:c1',
            cause: 'oops',
          },
        },
        'recording flows/x failed oops',
      ],
      [
        { type: 'Dial', peer: channelJson('out-1'), caller: channelJson('c1'), dialstatus: 'RINGING' },
        'dial out-1 RINGING',
      ],
      [{ type: 'Dial', peer: channelJson('out-1'), dialstatus: '' }, 'dial out-1 '],
      [{ type: 'ApplicationReplaced' }, 'ApplicationReplaced'],
      [{ type: 'StasisEnd', channel: channelJson('c1') }, 'StasisEnd'],
      [{ type: 'ChannelHangupRequest', cause: 16, channel: channelJson('c1') }, 'ChannelHangupRequest'],
      [
        { type: 'ChannelLeftBridge', bridge: bridgeJson('b1', ['c2']), channel: channelJson('c1') },
        'left b1 c1',
      ],
      [
        {
          type: 'RecordingFinished',
          recording: { name: 'r', format: 'wav', state: 'done', target_uri: 'channel:c1', duration: 3 },
        },
        'RecordingFinished',
      ],
    ];
    for (const [raw, expected] of cases) expect(summarize(parseKnown(raw))).toBe(expected);
  });

  it('keeps only the fields the runtime reads', () => {
    const event = parseKnown({
      type: 'StasisStart',
      args: [],
      channel: channelJson('c1', { tenantid: 't1' }),
    });
    expect(event).toEqual({
      type: 'StasisStart',
      args: [],
      channel: { id: 'c1', name: expect.any(String), state: expect.any(String), caller: expect.any(Object) },
    });
  });

  it('leaves the events it does not act on unknown, with every field', () => {
    for (const type of ['PlaybackStarted', 'ChannelStateChange', 'ChannelVarset', 'ChannelEnteredBridge']) {
      const result = parseAriEvent({ ...base, type, channel: channelJson('c1') });
      expect(result).toEqual({
        ok: true,
        known: false,
        event: { ...base, type, channel: channelJson('c1') },
      });
    }
  });

  it('returns unknown event types as a generic object instead of failing', () => {
    const result = parseAriEvent({ ...base, type: 'ChannelTalkingStarted', channel: { id: 'c1' } });
    expect(result).toEqual({
      ok: true,
      known: false,
      event: { ...base, type: 'ChannelTalkingStarted', channel: { id: 'c1' } },
    });
  });

  it('reports a known event with missing fields, naming the type and field', () => {
    const result = parseAriEvent({ ...base, type: 'ChannelDtmfReceived', channel: channelJson('c1') });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.type).toBe('ChannelDtmfReceived');
    expect(result.error).toContain('digit');
  });

  it('reports non-JSON, non-objects and messages without a type', () => {
    for (const text of ['{not json', '42', '[1,2]', 'null', '{"application":"x"}']) {
      const result = parseAriEventMessage(text);
      expect(result.ok).toBe(false);
    }
    expect(parseAriEventMessage('{oops').ok === false && parseAriEventMessage('{oops')).toMatchObject({
      error: expect.stringContaining('invalid JSON'),
    });
  });
});

describe('caller id from the network', () => {
  const start = (caller: { name: string; number: string }) =>
    parseKnown({ type: 'StasisStart', args: [], channel: channelJson('c1', { caller }) });
  const callerOf = (event: AriEvent) => (event.type === 'StasisStart' ? event.channel.caller : undefined);

  it('keeps an ordinary caller id as it came', () => {
    expect(callerOf(start({ name: 'Zoë Ünal "Sales"', number: '+33 1 23 45' }))).toEqual({
      name: 'Zoë Ünal "Sales"',
      number: '+33 1 23 45',
    });
  });

  it(`cuts a 100 KB caller name to ${MAX_CALLER_NAME_LENGTH} characters and a long number to ${MAX_CALLER_NUMBER_LENGTH}`, () => {
    const caller = callerOf(start({ name: 'A'.repeat(100_000), number: '1'.repeat(10_000) }));
    expect(caller?.name).toBe('A'.repeat(MAX_CALLER_NAME_LENGTH));
    expect(caller?.number).toBe('1'.repeat(MAX_CALLER_NUMBER_LENGTH));
  });

  it('replaces control characters (line breaks that would forge log lines, terminal escapes)', () => {
    const caller = callerOf(
      start({
        name: 'Eve\r\n2026-12-07T00:00:00.000Z ERROR forged\u001b[2J\u0000\u0085\u2028',
        number: '100\n1',
      }),
    );
    expect(caller).toEqual({
      name: 'Eve\uFFFD\uFFFD2026-12-07T00:00:00.000Z ERROR forged\uFFFD[2J\uFFFD\uFFFD\uFFFD',
      number: '100\uFFFD1',
    });
  });

  it('bounds every channel event, not only StasisStart (a Dial event carries the peer)', () => {
    const result = parseAriEvent({
      ...base,
      type: 'Dial',
      dialstatus: 'RINGING',
      peer: channelJson('c2', { caller: { name: `x\n${'y'.repeat(5000)}`, number: '2' } }),
    });
    expect(result.ok && result.known && result.event.type === 'Dial' && result.event.peer.caller.name).toBe(
      `x\uFFFD${'y'.repeat(MAX_CALLER_NAME_LENGTH - 2)}`,
    );
  });
});
