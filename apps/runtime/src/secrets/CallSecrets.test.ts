import { describe, expect, it } from 'vitest';
import { CallSecrets } from './CallSecrets.ts';

const source = (values: Record<string, string>) => ({
  values: async (names: readonly string[]) => new Map(names.map((name) => [name, values[name] ?? ''])),
});

describe('CallSecrets', () => {
  it('redacts only values this call was given, also URL-encoded or JSON-escaped, longest first', async () => {
    const secrets = new CallSecrets(source({ a: 'p@ss w"rd', b: 'p@ss w"rd-long', unused: 'caller' }));
    expect(secrets.redact('p@ss w"rd')).toBe('p@ss w"rd');
    await secrets.values(['a', 'b']);
    expect(secrets.redact('x p@ss w"rd-long y')).toBe('x [secret] y');
    expect(secrets.redact(`u=${encodeURIComponent('p@ss w"rd')}`)).toBe('u=[secret]');
    expect(secrets.redact(JSON.stringify({ v: 'p@ss w"rd' }))).toBe('{"v":"[secret]"}');
    expect(secrets.redact('the caller hung up')).toBe('the caller hung up');
    expect(secrets.redactNullable(null)).toBeNull();
    expect(secrets.redactVariables({ 'vars.x': 'p@ss w"rd', 'vars.y': 'fine' })).toEqual({
      'vars.x': '[secret]',
      'vars.y': 'fine',
    });
  });

  it('leaves text alone when values are too short to search for safely', async () => {
    const secrets = new CallSecrets(source({ a: 'ab' }));
    await secrets.values(['a']);
    expect(secrets.redact('about')).toBe('about');
  });
});
