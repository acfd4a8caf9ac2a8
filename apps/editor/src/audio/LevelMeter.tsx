/** How loud the microphone is, as a bar that fills from the left: green, then amber when near clipping. */
export function LevelMeter({ level, label = 'Microphone level' }: { level: number; label?: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, level)) * 100);
  return (
    <meter
      className="level-meter"
      aria-label={label}
      min={0}
      max={100}
      low={5}
      high={90}
      optimum={50}
      value={percent}
    >
      {percent}%
    </meter>
  );
}
