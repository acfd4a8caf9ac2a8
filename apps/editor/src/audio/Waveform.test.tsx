import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatClipLength } from './formatClipLength.ts';
import { Waveform } from './Waveform.tsx';

describe('Waveform', () => {
  it('draws one bar per peak, as tall as the peak, and never more than full height', () => {
    const peaks = Array.from({ length: 120 }, (_, index) => (index === 7 ? 3 : index / 120));
    render(<Waveform peaks={peaks} label="Welcome in English" />);
    const image = screen.getByRole('img', { name: 'Waveform of Welcome in English' });
    const bars = [...image.querySelectorAll('rect')];
    expect(bars).toHaveLength(120);
    expect(Number(bars[60]?.getAttribute('height'))).toBeCloseTo(1);
    expect(Number(bars[7]?.getAttribute('height'))).toBe(2);
    // Silence still shows as a thin line, not as nothing.
    expect(Number(bars[0]?.getAttribute('height'))).toBeGreaterThan(0);
  });

  it('scales a quiet clip to its loudest slice, so its shape shows', () => {
    render(<Waveform peaks={[0.1, 0.2, 0.05]} label="a whisper" />);
    const bars = [...screen.getByRole('img').querySelectorAll('rect')].map((bar) =>
      Number(bar.getAttribute('height')),
    );
    expect(bars).toEqual([1, 2, 0.5]);
  });
});

describe('formatClipLength', () => {
  it('reads like a person would say it', () => {
    expect(formatClipLength(840)).toBe('0.8 s');
    expect(formatClipLength(4_230)).toBe('4.2 s');
    expect(formatClipLength(12_400)).toBe('12 s');
    expect(formatClipLength(65_000)).toBe('1 min 5 s');
    expect(formatClipLength(300_000)).toBe('5 min');
    expect(formatClipLength(Number.NaN)).toBe('0.0 s');
  });
});
