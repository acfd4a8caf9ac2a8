import { runProcess } from '../runProcess.ts';

/**
 * Bytes from one of ffmpeg's generators (`sine=frequency=440:duration=1`, `testsrc=duration=1`),
 * encoded by `outputArgs` (codec and format) and written to a pipe.
 */
export async function generateWithFfmpeg(source: string, outputArgs: readonly string[]): Promise<Buffer> {
  const args = [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    source,
    ...outputArgs,
    'pipe:1',
  ];
  const result = await runProcess('ffmpeg', args, { timeoutMs: 20_000, maxOutputBytes: 4 * 1024 * 1024 });
  if (result.code !== 0 || !result.outputs[0])
    throw new Error(`ffmpeg could not make ${source}: ${result.stderr}`);
  return result.outputs[0];
}
