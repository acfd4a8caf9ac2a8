import { eventOrders } from '@callflow/ari/testing';
import { StepFailure } from '@callflow/flow/runtime';
import { describe, expect, it } from 'vitest';
import { useCallChannelHarness } from '../../testing/callChannelHarness.ts';
import { recordRequest } from './testing/recordRequest.ts';

describe.each(eventOrders)('recordCaller, %s', (order) => {
  const h = useCallChannelHarness(order);

  const recording = (state: string, extra: Record<string, unknown> = {}) => ({
    name: 'voicemail/take-1',
    format: 'wav',
    target_uri: 'channel:caller-1',
    state,
    ...extra,
  });

  it('records until Asterisk reports RecordingFinished', async () => {
    h.server.route('POST', '/ari/channels/caller-1/record', () => {
      h.events.send({ type: 'RecordingStarted', recording: recording('recording') });
      h.events.send({ type: 'RecordingFinished', recording: recording('done', { duration: 2 }) });
      return { status: 201, json: recording('queued') };
    });
    h.server.route('GET', '/ari/recordings/stored/voicemail%2Ftake-1', () => ({
      json: { name: 'voicemail/take-1', format: 'wav' },
    }));
    await h.channel.record(recordRequest);
    const sent = h.server.requestsTo('POST', '/ari/channels/caller-1/record')[0];
    expect(sent?.query.get('name')).toBe('voicemail/take-1');
    expect(sent?.query.get('ifExists')).toBe('overwrite');
  });

  it("fails the step with Asterisk's cause when the recording fails", async () => {
    h.server.route('POST', '/ari/channels/caller-1/record', () => {
      h.events.send({ type: 'RecordingFailed', recording: recording('failed', { cause: 'disk full' }) });
      return { status: 201, json: recording('queued') };
    });
    const failure = await h.channel.record(recordRequest).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StepFailure);
    expect(String(failure)).toMatch(/recording voicemail\/take-1 failed: disk full/);
  });

  it('fails the step when Asterisk reports the recording finished but stored no file', async () => {
    // What Asterisk 22 does when it cannot create the file: RecordingFinished, duration 0, nothing stored.
    h.server.route('POST', '/ari/channels/caller-1/record', () => {
      h.events.send({ type: 'RecordingStarted', recording: recording('recording') });
      h.events.send({ type: 'RecordingFinished', recording: recording('done', { duration: 0 }) });
      return { status: 201, json: recording('queued') };
    });
    h.server.route('GET', '/ari/recordings/stored/voicemail%2Ftake-1', () => ({
      status: 404,
      json: { message: 'Recording not found' },
    }));
    const failure = await h.channel.record(recordRequest).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StepFailure);
    expect(String(failure)).toMatch(
      /Asterisk kept no file for recording voicemail\/take-1: nothing was recorded/,
    );
  });

  it('keeps a recording Asterisk finished when only the check for its file fails (HTTP 500)', async () => {
    h.server.route('POST', '/ari/channels/caller-1/record', () => {
      h.events.send({ type: 'RecordingFinished', recording: recording('done', { duration: 2 }) });
      return { status: 201, json: recording('queued') };
    });
    h.server.route('GET', '/ari/recordings/stored/voicemail%2Ftake-1', () => ({
      status: 500,
      json: { message: 'Internal Server Error' },
    }));
    await h.channel.record(recordRequest);
    expect(h.server.requestsTo('GET', '/ari/recordings/stored/voicemail%2Ftake-1')).toHaveLength(1);
  });
});
