import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Histogram } from './Histogram.ts';
import { StepLatencyProbe } from './StepLatencyProbe.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['performance'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('StepLatencyProbe', () => {
  it('observes the time from the last moment the call could go on to its next request, once', () => {
    const histogram = new Histogram([0.001, 0.01, 0.1, 1]);
    const probe = new StepLatencyProbe(histogram);

    // The request of the previous step is answered, then the caller takes 5 s to press a digit.
    probe.resumed();
    vi.advanceTimersByTime(5000);
    probe.resumed();
    vi.advanceTimersByTime(2);
    probe.requestSent();
    expect(histogram.count).toBe(1);
    expect(histogram.sum).toBeCloseTo(0.002, 6);

    // A second request without anything arriving in between is not a new step of the engine.
    vi.advanceTimersByTime(50);
    probe.requestSent();
    expect(histogram.count).toBe(1);
  });

  it('counts from when the event arrived, not from when the call noticed it', () => {
    const histogram = new Histogram([0.001, 0.01, 0.1, 1]);
    const probe = new StepLatencyProbe(histogram);
    const arrived = performance.now();
    vi.advanceTimersByTime(3);
    probe.resumed(arrived);
    vi.advanceTimersByTime(1);
    probe.requestSent();
    expect(histogram.sum).toBeCloseTo(0.004, 6);
  });

  it('observes nothing before the call could go on', () => {
    const histogram = new Histogram([1]);
    new StepLatencyProbe(histogram).requestSent();
    expect(histogram.count).toBe(0);
  });
});
