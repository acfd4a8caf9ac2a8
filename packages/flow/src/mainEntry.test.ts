import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Every source file a module loads at run time, following relative imports (type-only ones load nothing). */
function filesLoadedBy(entry: URL): Set<string> {
  const loaded = new Set<string>();
  const visit = (file: URL) => {
    if (loaded.has(file.pathname)) return;
    loaded.add(file.pathname);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(
      /^(?:import|export)(?!\s+type\b)[^;]*?from\s+'(\.{1,2}\/[^']+)'/gms,
    )) {
      visit(new URL(match[1] ?? '', file));
    }
  };
  visit(entry);
  return loaded;
}

describe("the package's main entry (what the editor imports)", () => {
  const loaded = [...filesLoadedBy(new URL('./index.ts', import.meta.url))];

  it('loads every node kind definition', () => {
    expect(loaded.filter((file) => /\/nodes\/nodeKinds\.ts$/.test(file))).toHaveLength(1);
    expect(loaded.some((file) => file.endsWith('/nodes/dial/dial.ts'))).toBe(true);
  });

  it('loads no runtime step, so the browser never carries one', () => {
    expect(loaded.filter((file) => /Step\.ts$|\/nodeSteps\.ts$|\/promptMedia\.ts$/.test(file))).toEqual([]);
  });
});
