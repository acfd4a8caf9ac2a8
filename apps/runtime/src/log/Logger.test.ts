import { describe, expect, it } from 'vitest';
import { Logger } from './Logger.ts';

describe('Logger', () => {
  it('masks fields whose names look secret and quotes values with spaces', () => {
    const lines: string[] = [];
    new Logger('info', { service: 'runtime' }, (line) => lines.push(line)).info('connected', {
      password: 'hunter2',
      api_key: 'callflow:hunter2',
      reason: 'two words',
    });
    expect(lines[0]).toMatch(
      /INFO {2}connected service=runtime password=\*\*\* api_key=\*\*\* reason="two words"$/,
    );
    expect(lines[0]).not.toContain('hunter2');
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
