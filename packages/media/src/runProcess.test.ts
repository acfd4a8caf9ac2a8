import { describe, expect, it } from 'vitest';
import { ProcessFailed, runProcess } from './runProcess.ts';
import { rejectionOf } from './testing/index.ts';

describe('runProcess', () => {
  it('gives the program only PATH from the environment, so the server secrets stay out of decoders', async () => {
    process.env.CALLFLOW_TEST_SECRET = 'hidden';
    try {
      const result = await runProcess('env', [], { timeoutMs: 5000, maxOutputBytes: 64 * 1024 });
      const names = result.outputs[0]
        ?.toString('utf8')
        .trim()
        .split('\n')
        .map((line) => line.split('=')[0]);
      expect(names).toEqual(['PATH']);
    } finally {
      delete process.env.CALLFLOW_TEST_SECRET;
    }
  });

  it('passes input on stdin and collects stdout and the extra pipes', async () => {
    const result = await runProcess('sh', ['-c', 'cat; echo three >&3'], {
      input: Buffer.from('one\n'),
      timeoutMs: 5000,
      maxOutputBytes: 1024,
      extraOutputs: 1,
    });
    expect(result.code).toBe(0);
    expect(result.outputs.map((output) => output.toString('utf8'))).toEqual(['one\n', 'three\n']);
  });

  it('kills a program that writes more than allowed, or runs too long', async () => {
    const chatty = await rejectionOf(
      runProcess('yes', [], { timeoutMs: 5000, maxOutputBytes: 1000 }),
      ProcessFailed,
    );
    expect(chatty.reason).toBe('output_too_big');
    const started = Date.now();
    const slow = await rejectionOf(
      runProcess('sleep', ['5'], { timeoutMs: 100, maxOutputBytes: 1000 }),
      ProcessFailed,
    );
    expect(slow.reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('says when the program is not installed', async () => {
    const missing = await rejectionOf(
      runProcess('callflow-no-such-program', [], { timeoutMs: 1000, maxOutputBytes: 10 }),
      ProcessFailed,
    );
    expect(missing.reason).toBe('not_installed');
    expect(missing.message).toBe('callflow-no-such-program is not installed on this server');
  });
});
