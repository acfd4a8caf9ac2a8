import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeMicrophone } from './testing/fakeMicrophone.ts';
import { recordingLimitMs, useRecorder } from './useRecorder.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Lets the fake recorder's stop event (a later task, as in a browser) arrive. */
async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
}

describe('useRecorder', () => {
  it('stays idle when a recording is discarded while it is still recording', async () => {
    const microphone = fakeMicrophone();
    const { result } = renderHook(() => useRecorder());
    act(() => result.current.start());
    await waitFor(() => expect(result.current.state.status).toBe('recording'));

    act(() => result.current.discard());
    await settle();

    expect(result.current.state.status).toBe('idle');
    expect(result.current.elapsedMs).toBe(0);
    expect(microphone.trackStopped()).toBe(true);
  });

  it('stays idle when discarded while the browser is still asking for the microphone', async () => {
    const microphone = fakeMicrophone();
    const { result } = renderHook(() => useRecorder());
    act(() => {
      result.current.start();
      result.current.discard();
    });
    await settle();

    expect(result.current.state.status).toBe('idle');
    expect(microphone.trackStopped()).toBe(true);
  });

  it('keeps a recording made after an earlier one was discarded', async () => {
    fakeMicrophone();
    const { result } = renderHook(() => useRecorder());
    act(() => result.current.start());
    await waitFor(() => expect(result.current.state.status).toBe('recording'));
    act(() => result.current.discard());
    act(() => result.current.start());
    await waitFor(() => expect(result.current.state.status).toBe('recording'));
    act(() => result.current.stop());
    await waitFor(() => expect(result.current.state.status).toBe('recorded'));
  });

  it('stops by itself a second before the server’s five-minute limit', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fakeMicrophone();
    const { result } = renderHook(() => useRecorder());
    act(() => result.current.start());
    // Lets the microphone be granted without moving the clock (vi.waitFor would move it).
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(result.current.state.status).toBe('recording');

    await act(async () => {
      await vi.advanceTimersByTimeAsync(recordingLimitMs - 1);
    });
    expect(result.current.state.status).toBe('recording');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1); // the limit: the recorder stops
      await vi.advanceTimersByTimeAsync(1); // and hands over the recording
    });
    expect(result.current.state.status).toBe('recorded');
    expect(recordingLimitMs).toBe(299_000);
  });
});
