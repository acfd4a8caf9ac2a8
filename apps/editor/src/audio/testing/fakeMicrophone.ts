import { vi } from 'vitest';

export interface FakeMicrophone {
  /** The level the analyser reports, as the amplitude of a steady signal (0..1). */
  amplitude: number;
  readonly trackStopped: () => boolean;
  readonly contextClosed: () => boolean;
}

/**
 * Stands in for the browser's microphone: getUserMedia (or its refusal), an AudioContext whose
 * analyser reports a steady signal of `amplitude`, and a MediaRecorder that hands over one chunk of
 * recorded bytes shortly after it is stopped. Restore with `vi.unstubAllGlobals()`.
 */
export function fakeMicrophone(options: { refuse?: string } = {}): FakeMicrophone {
  const state = { amplitude: 0.5, stopped: false, closed: false };
  const track = { stop: () => (state.stopped = true) };
  const stream = { getTracks: () => [track] };
  vi.stubGlobal('navigator', {
    ...navigator,
    mediaDevices: {
      getUserMedia: vi.fn(async () => {
        if (options.refuse !== undefined) throw new DOMException('refused', options.refuse);
        return stream;
      }),
    },
  });
  class FakeAudioContext {
    createAnalyser() {
      return {
        fftSize: 2048,
        getFloatTimeDomainData: (samples: Float32Array) => samples.fill(state.amplitude),
      };
    }
    createMediaStreamSource() {
      return { connect: () => {} };
    }
    async close() {
      state.closed = true;
    }
  }
  class FakeMediaRecorder {
    static isTypeSupported = (type: string) => type === 'audio/webm;codecs=opus';
    state: 'inactive' | 'recording' = 'inactive';
    mimeType = 'audio/webm;codecs=opus';
    ondataavailable: ((event: { data: Blob }) => void) | null = null;
    onstop: (() => void) | null = null;
    start() {
      this.state = 'recording';
    }
    stop() {
      this.state = 'inactive';
      // As in a browser, the last chunk and the stop event come in a later task, not during stop().
      setTimeout(() => {
        this.ondataavailable?.({ data: new Blob(['recorded-opus'], { type: this.mimeType }) });
        this.onstop?.();
      }, 0);
    }
  }
  vi.stubGlobal('AudioContext', FakeAudioContext);
  vi.stubGlobal('MediaRecorder', FakeMediaRecorder);
  return {
    get amplitude() {
      return state.amplitude;
    },
    set amplitude(value) {
      state.amplitude = value;
    },
    trackStopped: () => state.stopped,
    contextClosed: () => state.closed,
  };
}
