import { describe, expect, it } from 'vitest';
import { portDisplayName } from './portDisplayName.ts';

const menu = {
  kind: 'menu',
  label: '',
  options: {
    prompts: [{ type: 'sound', name: 'hello-world' }],
    choices: [
      { digit: '1', label: 'Sales' },
      { digit: '2', label: '' },
    ],
  },
};

describe('portDisplayName', () => {
  it("shows a menu choice's name, or the key to press when it has none", () => {
    expect(portDisplayName(menu, '1')).toBe('Sales');
    expect(portDisplayName(menu, '2')).toBe('Press 2');
  });

  it("uses the shared words for a kind's common ports", () => {
    expect(portDisplayName(menu, 'timeout')).toBe('No key pressed');
    expect(portDisplayName(menu, 'invalid')).toBe('Wrong key');
    expect(portDisplayName({ kind: 'play', label: '', options: {} }, 'next')).toBe('Next');
    expect(portDisplayName({ kind: 'dial', label: '', options: {} }, 'noanswer')).toBe('No answer');
  });

  it('falls back to the port itself, and reads half-filled draft options', () => {
    expect(portDisplayName({ kind: 'menu', label: '', options: { choices: 7 } }, '1')).toBe('1');
    expect(portDisplayName({ kind: 'teleport', options: undefined }, 'beam')).toBe('beam');
    expect(portDisplayName({ kind: 'answer', options: {} }, 'constructor')).toBe('constructor');
  });
});
