import { runProcess } from '../runProcess.ts';

/** The integrated loudness (LUFS) ffmpeg's ebur128 measures in an audio file. */
export async function measureLoudness(audio: Uint8Array): Promise<number> {
  const result = await runProcess(
    'ffmpeg',
    [
      '-hide_banner',
      '-nostdin',
      '-nostats',
      '-i',
      'pipe:0',
      '-af',
      'ebur128=framelog=verbose',
      '-f',
      'null',
      '-',
    ],
    { input: audio, timeoutMs: 20_000, maxOutputBytes: 1024 },
  );
  const summaries = [...result.stderr.matchAll(/Integrated loudness:\s+I:\s+(-?[\d.]+) LUFS/g)];
  const lufs = Number(summaries.at(-1)?.[1]);
  if (result.code !== 0 || !Number.isFinite(lufs))
    throw new Error(`ffmpeg could not measure loudness: ${result.stderr}`);
  return lufs;
}
