import { readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeKinds } from './nodeKinds.ts';

describe('node kind registry', () => {
  it('registers every node kind folder', () => {
    const folder = new URL('.', import.meta.url);
    const folders = readdirSync(folder).filter((name) => statSync(new URL(name, folder)).isDirectory());
    expect(folders.sort()).toEqual(Object.keys(nodeKinds).sort());
  });

  it('gives every kind a title, one-line help and a parseable empty-default options schema shape', () => {
    for (const definition of Object.values(nodeKinds)) {
      expect(definition.title.length).toBeGreaterThan(0);
      expect(definition.description).not.toContain('\n');
    }
  });
});
