import { spawn } from 'node:child_process';

export interface RunProcessOptions {
  /** Written to the process's stdin, which is then closed; without it stdin is empty. */
  readonly input?: Uint8Array;
  /** The process is killed after this long. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** The most bytes kept per output (stdout and each extra pipe); more kills the process. */
  readonly maxOutputBytes: number;
  /** Extra output pipes the process writes to as file descriptors 3, 4, ... (ffmpeg's `pipe:3`). */
  readonly extraOutputs?: number;
}

export interface ProcessResult {
  /** Exit code; null when the process died of a signal. */
  readonly code: number | null;
  /** stdout, then each extra output pipe in order. */
  readonly outputs: readonly Buffer[];
  /** The start and the end of stderr (a hostile input can make a decoder print without end). */
  readonly stderr: string;
}

/** `failed`: the program ran and said it could not (callers that read exit codes themselves raise it). */
export type ProcessFailure = 'not_installed' | 'timeout' | 'aborted' | 'output_too_big' | 'failed';

/** A program that could not finish: not installed, too slow, aborted, writing more than allowed, or failing. */
export class ProcessFailed extends Error {
  override readonly name = 'ProcessFailed';
  constructor(
    readonly program: string,
    readonly reason: ProcessFailure,
    message: string,
  ) {
    super(message);
  }
}

const stderrKeptBytes = 32 * 1024;

/**
 * Runs a program without a shell, bounded in time and in output, with an environment of PATH only
 * (the server's secrets stay out of decoders). Arguments must never carry user text: pass that on stdin.
 */
export function runProcess(
  program: string,
  args: readonly string[],
  options: RunProcessOptions,
): Promise<ProcessResult> {
  const { signal } = options;
  if (signal?.aborted)
    return Promise.reject(new ProcessFailed(program, 'aborted', `${program} was cancelled`));
  return new Promise((resolve, reject) => {
    const extra = options.extraOutputs ?? 0;
    const child = spawn(program, args, {
      stdio: ['pipe', 'pipe', 'pipe', ...Array<'pipe'>(extra).fill('pipe')],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    });
    let failure: ProcessFailed | undefined;
    const fail = (reason: ProcessFailure, message: string) => {
      if (failure) return;
      failure = new ProcessFailed(program, reason, message);
      child.kill('SIGKILL');
    };

    const outputs: Buffer[][] = [];
    const sizes: number[] = [];
    const outputStreams = [child.stdout, ...Array.from({ length: extra }, (_, i) => child.stdio[3 + i])];
    outputStreams.forEach((stream, index) => {
      outputs[index] = [];
      sizes[index] = 0;
      stream?.on('data', (chunk: Buffer) => {
        sizes[index] = (sizes[index] ?? 0) + chunk.length;
        if ((sizes[index] ?? 0) > options.maxOutputBytes) {
          fail('output_too_big', `${program} wrote more than ${options.maxOutputBytes} bytes`);
          return;
        }
        outputs[index]?.push(chunk);
      });
      stream?.on('error', () => {});
    });

    let stderrHead = '';
    let stderrTail = '';
    let stderrCut = false;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderrHead.length < stderrKeptBytes) {
        stderrHead += chunk;
        return;
      }
      stderrTail += chunk;
      if (stderrTail.length > stderrKeptBytes) {
        stderrTail = stderrTail.slice(-stderrKeptBytes);
        stderrCut = true;
      }
    });

    const timer = setTimeout(
      () => fail('timeout', `${program} took longer than ${options.timeoutMs} ms`),
      options.timeoutMs,
    );
    const onAbort = () => fail('aborted', `${program} was cancelled`);
    signal?.addEventListener('abort', onAbort, { once: true });

    // The process may exit before reading all its input (a decoder giving up): not an error of ours.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? Buffer.alloc(0));

    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') fail('not_installed', `${program} is not installed on this server`);
      else fail('not_installed', `${program} could not be started: ${error.message}`);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (failure) {
        reject(failure);
        return;
      }
      resolve({
        code,
        outputs: outputs.map((chunks) => Buffer.concat(chunks)),
        stderr: stderrCut ? `${stderrHead}\n[...]\n${stderrTail}` : stderrHead + stderrTail,
      });
    });
  });
}
