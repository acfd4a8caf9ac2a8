import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const sourceDir = new URL('../src/', import.meta.url);

describe('the contract package', () => {
  it('imports nothing but zod, @callflow/flow and its own files, so it runs in a browser', () => {
    const files = readdirSync(sourceDir).filter((name) => name.endsWith('.ts'));
    expect(files).toContain('index.ts');
    for (const file of files) {
      const source = readFileSync(new URL(file, sourceDir), 'utf8');
      const specifiers = [
        ...source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gm),
        ...source.matchAll(/^\s*import\s+'([^']+)'/gm),
      ].map((match) => match[1]);
      for (const specifier of specifiers) {
        expect(
          specifier === 'zod' || specifier === '@callflow/flow' || /^\.\/\w+\.ts$/.test(specifier ?? ''),
          `${file} imports ${specifier}`,
        ).toBe(true);
      }
    }
  });
});
