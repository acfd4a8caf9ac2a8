import { describe, expect, it } from 'vitest';
import { CallVariables, maxVariableLength, maxVariablesPerCall } from './CallVariables.ts';
import { StepFailure } from './StepFailure.ts';

const full = () =>
  new CallVariables(
    Object.fromEntries(Array.from({ length: maxVariablesPerCall }, (_, i) => [`vars.v${i}`, 'x'])),
  );

describe('CallVariables limits', () => {
  it('holds values up to 4,096 characters and 200 variables', () => {
    expect(maxVariableLength).toBe(4096);
    expect(maxVariablesPerCall).toBe(200);
    const variables = new CallVariables();
    variables.set('vars.a', 'x'.repeat(maxVariableLength));
    expect(variables.get('vars.a')).toHaveLength(maxVariableLength);
  });

  it('refuses a longer value with a StepFailure naming the variable, keeping the old value', () => {
    const variables = new CallVariables({ 'vars.notes': 'old' });
    expect(() => variables.set('vars.notes', 'x'.repeat(1024 * 1024))).toThrow(StepFailure);
    expect(() => variables.set('vars.notes', 'x'.repeat(1024 * 1024))).toThrow(
      'vars.notes: 1048576 characters, more than the 4096 a call variable can hold',
    );
    expect(variables.get('vars.notes')).toBe('old');
    expect(variables.takeChanges()).toEqual({});
  });

  it('refuses a new variable when the call holds 200, but lets one of them change', () => {
    const variables = full();
    expect(() => variables.set('vars.one_more', 'x')).toThrow(
      'vars.one_more: not stored; the call already holds 200 variables, the most it can',
    );
    expect(variables.get('vars.one_more')).toBeUndefined();
    variables.set('vars.v0', 'changed');
    expect(variables.get('vars.v0')).toBe('changed');
  });

  it('setAll stores every value or, when one does not fit, none', () => {
    const variables = new CallVariables();
    expect(() =>
      variables.setAll([
        ['vars.a', 'fits'],
        ['vars.b', 'x'.repeat(maxVariableLength + 1)],
      ]),
    ).toThrow(/^vars\.b: 4097 characters/);
    expect(variables.snapshot()).toEqual({});
    variables.setAll([
      ['vars.a', '1'],
      ['vars.b', '2'],
    ]);
    expect(variables.snapshot()).toEqual({ 'vars.a': '1', 'vars.b': '2' });
  });

  it('setWithinLimits keeps the first 4,096 characters of a longer value and says so', () => {
    const variables = new CallVariables();
    expect(variables.setWithinLimits('vars.a', 'y'.repeat(10_000))).toBe(
      'vars.a: 10000 characters, more than the 4096 a call variable can hold; kept the first 4096',
    );
    expect(variables.get('vars.a')).toBe('y'.repeat(maxVariableLength));
    expect(variables.setWithinLimits('vars.a', 'short')).toBeNull();
  });

  it('setWithinLimits never cuts a character in half', () => {
    const variables = new CallVariables();
    variables.setWithinLimits('vars.a', `${'x'.repeat(maxVariableLength - 1)}😀tail`);
    expect(variables.get('vars.a')).toBe('x'.repeat(maxVariableLength - 1));
  });

  it('setWithinLimits stores no new variable in a full call and says so', () => {
    const variables = full();
    expect(variables.setWithinLimits('menu.digit', '1')).toMatch(
      /^menu\.digit: not stored; the call already holds 200/,
    );
    expect(variables.get('menu.digit')).toBeUndefined();
  });

  it('cuts an initial value (a caller name from the network) to the limit', () => {
    const variables = new CallVariables({ 'caller.name': 'n'.repeat(100_000) });
    expect(variables.get('caller.name')).toHaveLength(maxVariableLength);
  });
});
