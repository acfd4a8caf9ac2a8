import { channelJson, eventOrders } from '@callflow/ari/testing';
import { CallEndedError } from '@callflow/flow/runtime';
import { describe, expect, it } from 'vitest';
import { useCallChannelHarness } from '../../testing/callChannelHarness.ts';

describe.each(eventOrders)('CallerDigits, %s', (order) => {
  const h = useCallChannelHarness(order);

  it('returns null from nextDigit after the timeout and rejects when the caller hangs up', async () => {
    expect(await h.channel.nextDigit(20)).toBeNull();
    const waiting = h.channel.nextDigit(5000);
    h.hangup.abort();
    await expect(waiting).rejects.toBeInstanceOf(CallEndedError);
  });

  it('keeps at most CALLFLOW_MAX_BUFFERED_DIGITS unread digits, dropping the oldest, with one log line per call', async () => {
    h.channel.dispose();
    h.channel = h.channelWith({ maxBufferedDigits: 4 });
    for (const digit of '123456789')
      h.emit({ type: 'ChannelDtmfReceived', digit, duration_ms: 100, channel: channelJson('caller-1') });
    const read: (string | null)[] = [];
    for (let i = 0; i < 5; i++) read.push(await h.channel.nextDigit(1));
    expect(read).toEqual(['6', '7', '8', '9', null]);
    expect(h.limitsReached).toEqual(['buffered_digits']);
    expect(h.warnings).toEqual([expect.stringMatching(/WARN .*dropping the oldest digits.* limit=4$/)]);
  });
});
