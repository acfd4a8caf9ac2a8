import './audio.css';

export interface WaveformProps {
  /** Loudness per slice of the audio, each 0..1 (the API sends 120 of them). */
  readonly peaks: readonly number[];
  /** What it is the waveform of, for screen readers, e.g. "Welcome in English". */
  readonly label: string;
  readonly height?: number;
}

/** Bars never vanish entirely, so a quiet passage still reads as sound rather than as a gap. */
const minimumBar = 0.04;

/**
 * The shape of a clip's sound, drawn from the peaks the API measured: one bar per slice, mirrored
 * around the middle line like an audio editor's, scaled to the loudest slice (the server has already
 * evened out loudness, so the shape is what tells clips apart).
 */
export function Waveform({ peaks, label, height = 40 }: WaveformProps) {
  const count = Math.max(peaks.length, 1);
  const sizes = peaks.map((peak) => (Number.isFinite(peak) ? Math.min(1, Math.max(0, peak)) : 0));
  const loudest = Math.max(0, ...sizes);
  return (
    <svg
      className="waveform"
      role="img"
      aria-label={`Waveform of ${label}`}
      viewBox={`0 0 ${count} 2`}
      preserveAspectRatio="none"
      style={{ height }}
      data-peaks={peaks.length}
    >
      {sizes.map((peak, index) => {
        const size = Math.max(minimumBar, loudest === 0 ? 0 : peak / loudest);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the bars are positions in time, not items.
          <rect key={index} x={index + 0.15} width={0.7} y={1 - size} height={size * 2} />
        );
      })}
    </svg>
  );
}
