import type { CallDetail } from '@callflow/api/contract';
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
  const api = fakeApi((url) =>
    url.pathname === '/api/calls/call-1'
      ? { body: state.detail }
      : { status: 404, body: { error: 'not_found', message: 'call nope not found' } },
  );
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
  vi.unstubAllGlobals();
});

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

  it('does not follow a call that has already ended', async () => {
    serveCall({ ...makeCall(), steps: [step1, step2] });
    const { result } = renderHook(() => useCallTrace('call-1'));
    await waitFor(() => expect(result.current.steps).toHaveLength(2));
    expect(FakeEventSource.instances).toHaveLength(0);
  });

  it('keeps a newer streamed state when an older answer arrives after it', async () => {
    const { state } = serveCall({ ...makeLiveCall({ stepCount: 1 }), steps: [step1] });
    const { result } = renderHook(() => useCallTrace('call-1'));
    await waitFor(() => expect(result.current.call).toBeDefined());
    const source = FakeEventSource.latest();
    act(() => source.emit('call', makeCall({ stepCount: 1, outcome: 'completed' })));
    // The reload after the end still sees the call live (the API's read was older).
    state.detail = { ...makeLiveCall({ stepCount: 1 }), steps: [step1] };
    await waitFor(() => expect(result.current.call?.live).toBe(false));
    await new Promise((resolve) => setTimeout(resolve, 20));
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
