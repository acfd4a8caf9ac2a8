import { describe, expect, it } from 'vitest';
import { suggestFlowName } from '../src/suggestFlowName.ts';

describe('suggestFlowName', () => {
  it('numbers from 2, skipping the names that are taken', () => {
    expect(suggestFlowName('Sales', new Set(['Sales']))).toBe('Sales (2)');
    expect(suggestFlowName('Sales', new Set(['Sales', 'Sales (2)', 'Sales (3)']))).toBe('Sales (4)');
  });

  it('counts on from a number the name already has', () => {
    expect(suggestFlowName('Sales (2)', new Set(['Sales', 'Sales (2)']))).toBe('Sales (3)');
    expect(suggestFlowName('(2)', new Set(['(2)']))).toBe('(2) (2)');
  });

  it('shortens a long name so the suggestion stays within 120 characters', () => {
    const long = 'x'.repeat(120);
    const suggested = suggestFlowName(long, new Set([long]));
    expect(suggested).toHaveLength(120);
    expect(suggested.endsWith('x (2)')).toBe(true);
  });
});
