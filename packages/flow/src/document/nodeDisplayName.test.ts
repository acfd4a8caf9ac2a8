import { describe, expect, it } from 'vitest';
import { nodeKindNames, nodeKinds } from '../nodes/nodeKinds.ts';
import { nodeDisplayName } from './nodeDisplayName.ts';

const menuOptions = {
  prompts: [{ type: 'sound', name: 'hello-world' }],
  choices: [
    { digit: '1', label: 'Sales' },
    { digit: '2', label: '' },
  ],
};

describe('nodeDisplayName', () => {
  it("is the node's label when it has one", () => {
    expect(nodeDisplayName({ kind: 'menu', label: ' Main menu ', options: menuOptions })).toBe('Main menu');
  });

  it("is the kind's title and a summary of the options when the node has no label", () => {
    expect(nodeDisplayName({ kind: 'menu', label: '', options: menuOptions })).toBe('Menu: Sales, Press 2');
  });

  it("is the kind's title alone when the kind has nothing to summarize", () => {
    expect(nodeDisplayName({ kind: 'answer', label: '', options: {} })).toBe('Answer');
  });

  it('never shows the id, and reads half-filled draft options without throwing', () => {
    expect(nodeDisplayName({ kind: 'menu', label: '', options: { choices: 'not a list' } })).toBe('Menu');
    expect(nodeDisplayName({ kind: 'menu', label: undefined, options: undefined })).toBe('Menu');
    expect(nodeDisplayName({ kind: 'menu', label: null, options: null })).toBe('Menu');
    expect(nodeDisplayName({ kind: 'collectDigits', options: { variable: { name: 'x' } } })).toBe(
      'Collect digits',
    );
  });

  it('shortens a long summary to one line', () => {
    const choices = Array.from({ length: 9 }, (_, index) => ({
      digit: `${index + 1}`,
      label: 'Customer service',
    }));
    const name = nodeDisplayName({ kind: 'menu', label: '', options: { ...menuOptions, choices } });
    expect(name.length).toBeLessThanOrEqual('Menu: '.length + 48);
    expect(name.endsWith('…')).toBe(true);
  });

  it("names a kind this version does not know by the kind's own name", () => {
    expect(nodeDisplayName({ kind: 'teleport', label: '', options: {} })).toBe('teleport');
    expect(nodeDisplayName({ kind: 'toString', label: '', options: {} })).toBe('toString');
  });

  it.each(nodeKindNames)(
    '%s: a summary never shows a wrongly typed draft option as junk ([object Object], null, undefined)',
    (kind) => {
      const starter: Record<string, unknown> = nodeKinds[kind].starterOptions;
      for (const key of Object.keys(starter))
        for (const junk of [{ a: 1 }, null, undefined, [{ x: {} }]]) {
          const name = nodeDisplayName({ kind, label: '', options: { ...starter, [key]: junk } });
          expect(name, `${kind}.${key} = ${JSON.stringify(junk)}`).not.toMatch(/\[object|undefined|null/);
        }
    },
  );
});
