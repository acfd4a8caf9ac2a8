import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenPasswordChangeRequired, whenSessionLost } from '../api/callEndpoint.ts';
import { openCallStream } from './openCallStream.ts';
import { FakeEventSource } from './testing/FakeEventSource.ts';
import { fakeApi } from './testing/fakeApi.ts';

const user = (mustChangePassword: boolean) => ({
  id: 'u1',
  username: 'ann',
  role: 'viewer',
  mustChangePassword,
});

/** Serves GET /api/session as the API would after the stream ended. */
function sessionAnswers(answer: { status: number; body: unknown }) {
  return fakeApi((url) => (url.pathname === '/api/session' ? answer : undefined));
}

beforeEach(() => {
  FakeEventSource.reset();
  vi.stubGlobal('EventSource', FakeEventSource);
});

afterEach(() => {
  whenSessionLost(null);
  whenPasswordChangeRequired(null);
  vi.unstubAllGlobals();
});

describe('openCallStream when the API ends the stream with session_ended', () => {
  it('logs the page out and does not reconnect when the session is gone', async () => {
    sessionAnswers({ status: 401, body: { error: 'not_logged_in', message: 'log in first' } });
    const lost = vi.fn();
    whenSessionLost(lost);
    const states: string[] = [];
    const stop = openCallStream({}, { onState: (state) => states.push(state) });
    FakeEventSource.latest().open();
    FakeEventSource.latest().emit('session_ended', { message: 'the login session has ended' });

    await vi.waitFor(() => expect(lost).toHaveBeenCalledTimes(1));
    expect(states.at(-1)).toBe('closed');
    expect(FakeEventSource.openInstances()).toHaveLength(0);
    expect(FakeEventSource.instances).toHaveLength(1);
    stop();
  });

  it('shows the change-password page when the session now needs a new password', async () => {
    sessionAnswers({ status: 200, body: user(true) });
    const passwordChange = vi.fn();
    whenPasswordChangeRequired(passwordChange);
    const stop = openCallStream({}, {});
    FakeEventSource.latest().open();
    FakeEventSource.latest().emit('session_ended', {});

    await vi.waitFor(() => expect(passwordChange).toHaveBeenCalledTimes(1));
    expect(FakeEventSource.openInstances()).toHaveLength(0);
    stop();
  });

  it('follows the calls again when the session still allows it', async () => {
    sessionAnswers({ status: 200, body: user(false) });
    const lost = vi.fn();
    whenSessionLost(lost);
    const stop = openCallStream({ extension: '6001' }, {});
    const first = FakeEventSource.latest();
    first.open();
    first.emit('session_ended', {});

    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(2));
    expect(first.readyState).toBe(FakeEventSource.CLOSED);
    expect(new URL(FakeEventSource.latest().url, 'http://editor.test').searchParams.get('extension')).toBe(
      '6001',
    );
    expect(lost).not.toHaveBeenCalled();
    stop();
    expect(FakeEventSource.openInstances()).toHaveLength(0);
  });
});

describe('openCallStream when the browser gives up on the stream', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** The stream fails for good; the retry delay passes; returns once the session has been asked. */
  async function failAndWait(session: { requestsTo: (path: string) => URLSearchParams[] }) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    FakeEventSource.latest().fail();
    vi.advanceTimersByTime(5000);
    vi.useRealTimers();
    await vi.waitFor(() => expect(session.requestsTo('/api/session')).toHaveLength(1));
  }

  it('follows the calls again with a new stream a few seconds later', async () => {
    const session = sessionAnswers({ status: 200, body: user(false) });
    const states: string[] = [];
    const opened = vi.fn();
    const stop = openCallStream(
      { extension: '6001' },
      { onState: (state) => states.push(state), onOpen: opened },
    );
    const first = FakeEventSource.latest();
    first.open();
    await failAndWait(session);

    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(2));
    expect(states).toEqual(['connecting', 'open', 'closed', 'connecting']);
    FakeEventSource.latest().open();
    expect(opened).toHaveBeenCalledTimes(2);
    expect(FakeEventSource.openInstances()).toEqual([FakeEventSource.latest()]);
    stop();
    expect(FakeEventSource.openInstances()).toHaveLength(0);
  });

  it('shows the login page instead of retrying when the session ended while the stream was down', async () => {
    const session = sessionAnswers({
      status: 401,
      body: { error: 'not_logged_in', message: 'log in first' },
    });
    const lost = vi.fn();
    whenSessionLost(lost);
    const stop = openCallStream({}, {});
    FakeEventSource.latest().open();
    await failAndWait(session);

    await vi.waitFor(() => expect(lost).toHaveBeenCalledTimes(1));
    expect(FakeEventSource.instances).toHaveLength(1);
    stop();
  });

  it('tries nothing more once the page has stopped following', async () => {
    const session = sessionAnswers({ status: 200, body: user(false) });
    const stop = openCallStream({}, {});
    FakeEventSource.latest().open();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    FakeEventSource.latest().fail();
    stop();
    vi.advanceTimersByTime(60_000);
    vi.useRealTimers();
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(session.requests).toEqual([]);
  });
});
