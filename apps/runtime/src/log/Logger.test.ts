import { describe, expect, it } from 'vitest';
import { Logger } from './Logger.ts';

describe('Logger', () => {
  it('masks fields whose names look secret, quotes values with spaces and writes numbers as they are', () => {
    const lines: string[] = [];
    new Logger('info', { service: 'runtime' }, (line) => lines.push(line)).info('connected', {
      password: 'hunter2',
      api_key: 'callflow:hunter2',
      reason: 'two words',
      seconds: 12.5,
      retry: true,
      ids: ['a b'],
    });
    expect(lines[0]).toMatch(
      /INFO {2}connected service=runtime password=\*\*\* api_key=\*\*\* reason="two words" seconds=12.5 retry=true ids="\[\\"a b\\"\]"$/,
    );
    expect(lines[0]).not.toContain('hunter2');
  });

  it("adds a child's fields to every line; a line's field of the same name replaces one, unset ones are left out", () => {
    const lines: string[] = [];
    const call = new Logger('info', { service: 'runtime' }, (line) => lines.push(line)).child({
      call: 'c1',
      extension: '7001',
    });
    call.info('call started', { caller: '100', cause: undefined });
    call.info('moved', { extension: '7002' });
    call.warn('plain');
    call.child({ token: 'hunter2' }).error('nested', { call: 'c2' });
    expect(lines.map((line) => line.replace(/^\S+ /, ''))).toEqual([
      'INFO  call started service=runtime call=c1 extension=7001 caller=100',
      'INFO  moved service=runtime call=c1 extension=7002',
      'WARN  plain service=runtime call=c1 extension=7001',
      'ERROR nested service=runtime call=c2 extension=7001 token=***',
    ]);
  });

  it('drops lines below its level', () => {
    const lines: string[] = [];
    const logger = new Logger('warn', {}, (line) => lines.push(line));
    logger.info('quiet');
    logger.error('loud');
    expect(lines).toHaveLength(1);
  });

  it('says which levels it writes, so callers can skip building fields for dropped lines', () => {
    const logger = new Logger('info', {}, () => {});
    expect([logger.enabled('debug'), logger.enabled('info'), logger.enabled('error')]).toEqual([
      false,
      true,
      true,
    ]);
  });
});

describe('Logger: one event, one line, whatever the values hold', () => {
  const hostile = 'Eve\r\n2026-12-07T00:00:00.000Z ERROR forged\u001b[31m\u0000\u0085\u2028\u2029end';

  it('escapes line breaks and other control characters in the message and in every field', () => {
    const lines: string[] = [];
    const logger = new Logger('info', { caller: hostile }, (line) => lines.push(line));
    logger.info(`call from ${hostile}`, { name: hostile, plain: 'Eve\u001b[31m' });
    expect(lines).toHaveLength(1);
    const [line = ''] = lines;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for them
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(line).toContain(
      'call from Eve\\r\\n2026-12-07T00:00:00.000Z ERROR forged\\u001b[31m\\u0000\\u0085\\u2028\\u2029end',
    );
    expect(line).toContain('plain="Eve\\u001b[31m"');
  });

  it('writes ordinary messages and values unchanged', () => {
    const lines: string[] = [];
    new Logger('info', {}, (line) => lines.push(line)).info('call ended', { caller: 'Zoë', number: '+331' });
    expect(lines[0]).toMatch(/INFO {2}call ended caller=Zoë number=\+331$/);
  });
});
