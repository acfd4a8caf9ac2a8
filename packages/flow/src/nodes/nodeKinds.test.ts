import { readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeKinds } from './nodeKinds.ts';

describe('node kind registry', () => {
  it('registers every node kind folder', () => {
    const folder = new URL('.', import.meta.url);
    const folders = readdirSync(folder).filter((name) => statSync(new URL(name, folder)).isDirectory());
    expect(folders.sort()).toEqual(Object.keys(nodeKinds).sort());
  });

  it.each(Object.keys(nodeKinds))(
    '%s: its folder holds the definition (<kind>.ts) and, apart, the runtime step (<kind>Step.ts)',
    (kind) => {
      const files = readdirSync(new URL(`./${kind}/`, import.meta.url));
      expect(files).toContain(`${kind}.ts`);
      expect(files).toContain(`${kind}Step.ts`);
    },
  );

  it('gives every kind a title and one-line help', () => {
    for (const definition of Object.values(nodeKinds)) {
      expect(definition.title.length).toBeGreaterThan(0);
      expect(definition.description).not.toContain('\n');
    }
  });

  it.each(Object.values(nodeKinds))(
    'starts a new $kind node with options that pass its schema and checks',
    (definition) => {
      const parsed = definition.options.safeParse(definition.starterOptions);
      expect(parsed.error?.issues ?? []).toEqual([]);
      if (parsed.success) expect(definition.check?.(parsed.data as never) ?? []).toEqual([]);
    },
  );
});
