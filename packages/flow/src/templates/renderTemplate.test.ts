import { describe, expect, it } from 'vitest';
import { renderTemplate } from './renderTemplate.ts';
import { templateReferences } from './templateReferences.ts';

const values: Record<string, string> = { 'caller.number': '1001', 'vars.agent': '7' };
const lookup = (name: string) => values[name];

describe('renderTemplate', () => {
  it('substitutes known names, tolerating spaces inside the braces', () => {
    expect(renderTemplate('PJSIP/{{vars.agent}} for {{ caller.number }}', lookup)).toBe('PJSIP/7 for 1001');
  });
  it('renders undefined names as empty text', () => {
    expect(renderTemplate('a{{vars.missing}}b', lookup)).toBe('ab');
  });
  it('never evaluates expressions', () => {
    expect(renderTemplate('{{ process.exit(1) }}', lookup)).toBe('');
    expect(renderTemplate('{{constructor}}', lookup)).toBe('');
  });
  it('leaves text without templates untouched', () => {
    expect(renderTemplate('plain {single} braces', lookup)).toBe('plain {single} braces');
  });
});

describe('templateReferences', () => {
  it('lists names and flags malformed ones', () => {
    expect(templateReferences('{{vars.a}} {{ 1 + 1 }}')).toEqual([
      { name: 'vars.a', valid: true },
      { name: '1 + 1', valid: false },
    ]);
  });
});
