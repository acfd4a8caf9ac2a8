import { describe, expect, it } from 'vitest';
import { CallVariables, maxVariableLength } from '../runtime/CallVariables.ts';
import { StepFailure } from '../runtime/StepFailure.ts';
import { renderOption, type ValueRule } from './renderOption.ts';
import { valueRules } from './valueRules.ts';

const render = (
  template: string,
  values: Record<string, string>,
  rule: ValueRule = valueRules.dialEndpoint,
) => renderOption(new CallVariables(values), 'endpoint', template, rule);

describe('renderOption', () => {
  it('trusts the literal text and substitutes values that fit', () => {
    expect(render('PJSIP/{{vars.a}}@trunk', { 'vars.a': '+4930' })).toBe('PJSIP/+4930@trunk');
  });

  it('names the option, the variable and the refused character, quoting the value cut short', () => {
    expect(() => render('PJSIP/{{vars.a}}', { 'vars.a': `1001/sip:${'9'.repeat(40)}@carrier` })).toThrow(
      new StepFailure(
        'endpoint: {{vars.a}} holds "1001/sip:999999999999999…": "/" cannot be part of a dial endpoint (allowed: letters, digits and _ . + * # -)',
      ),
    );
  });

  it('shows control characters escaped', () => {
    expect(() => render('PJSIP/{{vars.a}}', { 'vars.a': '1\u0000' })).toThrow('"\\u0000" cannot be part');
  });

  it('refuses a value longer than the rule allows without scanning it for characters', () => {
    // A call variable holds at most maxVariableLength characters: the longest value a rule can see.
    expect(() => render('PJSIP/{{vars.a}}', { 'vars.a': '1'.repeat(maxVariableLength) })).toThrow(
      /holds "1{24}…": 4096 characters, more than the 80/,
    );
  });

  it('never quotes secrets, nor values of rules that may carry keys', () => {
    expect(() => render('PJSIP/{{secrets.trunk}}', { 'secrets.trunk': 'pass/word' })).toThrow(
      'endpoint: {{secrets.trunk}} holds a value: "/" cannot',
    );
    expect(() => render('{{vars.key}}', { 'vars.key': 's3cret\u0000' }, valueRules.headerValue)).toThrow(
      /^endpoint: \{\{vars\.key\}\} holds a value: "\\u0000"/,
    );
  });

  it('encodes values that pass, after the check', () => {
    expect(render('https://x/?q={{vars.q}}', { 'vars.q': 'a&b=c' }, valueRules.url)).toBe(
      'https://x/?q=a%26b%3Dc',
    );
  });
});
