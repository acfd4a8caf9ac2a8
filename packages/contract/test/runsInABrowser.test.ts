import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const sourceDir = new URL('../src/', import.meta.url);

/** Every .ts file below src/, as paths relative to it (`endpoints/endpoints.ts`). */
function sourceFiles(): string[] {
  return readdirSync(sourceDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
}

describe('the contract package', () => {
  it('imports nothing but zod, @callflow/flow and its own files, so it runs in a browser', () => {
    const files = sourceFiles();
    expect(files).toContain('index.ts');
    expect(files).toContain('endpoints/endpoints.ts');
    for (const file of files) {
      const source = readFileSync(new URL(file, sourceDir), 'utf8');
      const specifiers = [
        ...source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gm),
        ...source.matchAll(/^\s*import\s+'([^']+)'/gm),
      ].map((match) => match[1]);
      for (const specifier of specifiers) {
        // Its own files: a relative path to another source file of the package.
        const own =
          specifier?.startsWith('.') === true &&
          files.includes(new URL(specifier, new URL(file, sourceDir)).href.slice(sourceDir.href.length));
        expect(
          specifier === 'zod' || specifier === '@callflow/flow' || own,
          `${file} imports ${specifier}`,
        ).toBe(true);
      }
    }
  });
});
