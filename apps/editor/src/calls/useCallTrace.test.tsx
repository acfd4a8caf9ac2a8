import type { CallDetail } from '@callflow/contract';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/ApiError.ts';
import { makeCall, makeLiveCall, makeStep } from './testing/callFixtures.ts';
import { FakeEventSource } from './testing/FakeEventSource.ts';
import { fakeApi } from './testing/fakeApi.ts';
import { useCallTrace } from './useCallTrace.ts';

/** Serves GET /api/calls/call-1 with whatever `detail` holds at the time of the request. */
function serveCall(initial: CallDetail) {
  const state = { detail: initial };
  const api = fakeApi((url) => {
    if (url.pathname === '/api/calls/call-1') return { body: state.detail };
    if (url.pathname === '/api/session')
      return { body: { id: 'u1', username: 'ann', role: 'viewer', mustChangePassword: false } };
    return { status: 404, body: { error: 'not_found', message: 'call nope not found' } };
  });
  return { api, state };
}

const step1 = makeStep({ id: 1, seq: 1, nodeId: 'start', kind: 'start' });
const step2 = makeStep({ id: 2, seq: 2, nodeId: 'answer', kind: 'answer' });
const step3 = makeStep({ id: 3, seq: 3, nodeId: 'menu', kind: 'menu', port: '1' });

beforeEach(() => {
  FakeEventSource.reset();
  vi.stubGlobal('EventSource', FakeEventSource);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** The browser gives up on the stream for good; the retry delay passes. */
function failStreamAndWaitRetry(source: FakeEventSource) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  act(() => source.fail());
  act(() => vi.advanceTimersByTime(5000));
  vi.useRealTimers();
}

describe('useCallTrace', () => {
  it("follows a live call's steps through the stream and stops when the call ends", async () => {
    const { api, state } = serveCall({ ...makeLiveCall({ stepCount: 1 }), steps: [step1] });
    const { result } = renderHook(() => useCallTrace('call-1'));

    await waitFor(() => expect(result.current.call?.live).toBe(true));
    expect(result.current.steps.map((step) => step.seq)).toEqual([1]);
    const source = FakeEventSource.latest();
    expect(source.url).toBe('/api/calls/stream?extension=6001');

    act(() => source.open());
    act(() => {
      source.emit('step', step2);
      // Another call on the same extension is not part of this trace.
      source.emit('step', makeStep({ id: 50, seq: 2, callId: 'call-2', nodeId: 'other' }));
      source.emit('call', makeLiveCall({ id: 'call-2' }));
    });
    await waitFor(() => expect(result.current.steps.map((step) => step.nodeId)).toEqual(['start', 'answer']));
    expect(result.current.call?.id).toBe('call-1');

    // The end arrives before the last step; the trace reads the call once more to get it.
    state.detail = { ...makeCall({ stepCount: 3, outcome: 'caller_hangup' }), steps: [step1, step2, step3] };
    const requestsBefore = api.requestsTo('/api/calls/call-1').length;
    act(() => source.emit('call', makeCall({ stepCount: 3, outcome: 'caller_hangup' })));

    await waitFor(() => expect(result.current.steps.map((step) => step.seq)).toEqual([1, 2, 3]));
    expect(result.current.call?.live).toBe(false);
    expect(result.current.call?.outcome).toBe('caller_hangup');
    expect(source.readyState).toBe(FakeEventSource.CLOSED);
    expect(FakeEventSource.openInstances()).toHaveLength(0);
    expect(api.requestsTo('/api/calls/call-1').length).toBe(requestsBefore + 1);
  });

  it('reads what happened before the stream connected, and again after it reconnects', async () => {
    const { api, state } = serveCall({ ...makeLiveCall({ stepCount: 1 }), steps: [step1] });
    const { result } = renderHook(() => useCallTrace('call-1'));
    await waitFor(() => expect(result.current.call).toBeDefined());
    const source = FakeEventSource.latest();

    state.detail = { ...makeLiveCall({ stepCount: 2 }), steps: [step1, step2] };
    act(() => source.open());
    await waitFor(() => expect(result.current.steps).toHaveLength(2));

    state.detail = { ...makeLiveCall({ stepCount: 3 }), steps: [step1, step2, step3] };
    act(() => source.drop());
    act(() => source.open());
    await waitFor(() => expect(result.current.steps).toHaveLength(3));
    expect(api.requestsTo('/api/calls/call-1')).toHaveLength(3);
    // Still one stream: a reconnect does not open another.
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('follows a live call again with a new stream after losing it, and reads the steps it missed', async () => {
    const { api, state } = serveCall({ ...makeLiveCall({ stepCount: 1 }), steps: [step1] });
    const { result } = renderHook(() => useCallTrace('call-1'));
    await waitFor(() => expect(result.current.call?.live).toBe(true));
    const first = FakeEventSource.latest();
    act(() => first.open());
    await waitFor(() => expect(api.requestsTo('/api/calls/call-1')).toHaveLength(2));

    state.detail = { ...makeLiveCall({ stepCount: 2 }), steps: [step1, step2] };
    failStreamAndWaitRetry(first);
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(2));
    const second = FakeEventSource.latest();
    expect(second.url).toBe('/api/calls/stream?extension=6001');
    act(() => second.open());
    await waitFor(() => expect(result.current.steps.map((step) => step.seq)).toEqual([1, 2]));

    // The new stream goes on: the next step and the end arrive through it.
    state.detail = { ...makeCall({ stepCount: 3, outcome: 'completed' }), steps: [step1, step2, step3] };
    act(() => second.emit('step', step3));
    act(() => second.emit('call', makeCall({ stepCount: 3, outcome: 'completed' })));
    await waitFor(() => expect(result.current.call?.outcome).toBe('completed'));
    expect(result.current.steps.map((step) => step.seq)).toEqual([1, 2, 3]);
    expect(FakeEventSource.openInstances()).toHaveLength(0);
  });

  it('stops following a call that ended while its stream was lost', async () => {
    const { state } = serveCall({ ...makeLiveCall({ stepCount: 1 }), steps: [step1] });
    const { result } = renderHook(() => useCallTrace('call-1'));
    await waitFor(() => expect(result.current.call?.live).toBe(true));
    act(() => FakeEventSource.latest().open());

    state.detail = { ...makeCall({ stepCount: 3, outcome: 'caller_hangup' }), steps: [step1, step2, step3] };
    failStreamAndWaitRetry(FakeEventSource.latest());
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(2));
    act(() => FakeEventSource.latest().open());

    await waitFor(() => expect(result.current.call?.outcome).toBe('caller_hangup'));
    expect(result.current.call?.live).toBe(false);
    expect(result.current.steps.map((step) => step.seq)).toEqual([1, 2, 3]);
    expect(FakeEventSource.openInstances()).toHaveLength(0);
  });

  it('does not follow a call that has already ended', async () => {
    serveCall({ ...makeCall(), steps: [step1, step2] });
    const { result } = renderHook(() => useCallTrace('call-1'));
    await waitFor(() => expect(result.current.steps).toHaveLength(2));
    expect(FakeEventSource.instances).toHaveLength(0);
  });

  it('keeps a newer streamed state when an older answer arrives after it', async () => {
    const { api, state } = serveCall({ ...makeLiveCall({ stepCount: 1 }), steps: [step1] });
    const { result } = renderHook(() => useCallTrace('call-1'));
    await waitFor(() => expect(result.current.call).toBeDefined());
    // The reload after the end still sees the call live (the API's read was older), with a step more.
    state.detail = { ...makeLiveCall({ stepCount: 1 }), steps: [step1, step2] };
    const source = FakeEventSource.latest();
    act(() => source.emit('call', makeCall({ stepCount: 1, outcome: 'completed' })));

    // The answer has been applied once its step shows; the call stays ended.
    await waitFor(() => expect(result.current.steps).toHaveLength(2));
    expect(api.requestsTo('/api/calls/call-1')).toHaveLength(2);
    expect(result.current.call?.live).toBe(false);
    expect(result.current.call?.outcome).toBe('completed');
  });

  it('reports a call the API does not know', async () => {
    serveCall({ ...makeCall(), steps: [] });
    const { result } = renderHook(() => useCallTrace('nope'));
    await waitFor(() => expect(result.current.error).not.toBeNull());
    expect(result.current.error).toBeInstanceOf(ApiError);
    expect(result.current.error instanceof ApiError && result.current.error.status).toBe(404);
    expect(result.current.call).toBeUndefined();
  });

  it('returns nothing and asks for nothing without a call id, and forgets the previous call', async () => {
    const { api } = serveCall({ ...makeCall(), steps: [step1] });
    const initialProps: { id: string | null } = { id: 'call-1' };
    const { result, rerender } = renderHook(({ id }) => useCallTrace(id), { initialProps });
    await waitFor(() => expect(result.current.steps).toHaveLength(1));

    rerender({ id: null });
    expect(result.current).toEqual({ call: undefined, steps: [], error: null });
    expect(api.requests).toHaveLength(1);
  });
});
