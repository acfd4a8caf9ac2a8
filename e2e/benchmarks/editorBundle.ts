// What the browser editor makes a browser download, from the built apps/editor/dist:
//   - initially (the login page): the <script type="module">, <link rel="stylesheet"> and
//     <link rel="modulepreload"> of index.html, plus whatever those scripts import statically;
//   - later: every lazily loaded chunk (JS and CSS), and per lazy import (a page such as the flow
//     editor, or a feature such as auto layout) everything it adds to what is already loaded.
// Sizes raw and gzip-compressed (node:zlib, default level 6, as a compressing proxy would serve them;
// the API itself sends the files uncompressed). Source maps are left out: browsers fetch them only
// with the developer tools open.
// Run: node --import tsx e2e/benchmarks/editorBundle.ts [distDir]      (npm run bench:bundle)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../lib/sandbox.ts';

const dist = resolve(process.argv[2] ?? `${REPO_ROOT}apps/editor/dist`);
if (!existsSync(join(dist, 'index.html'))) {
  console.error(
    `The editor is not built (no ${join(dist, 'index.html')}): run npm run -w @callflow/editor build`,
  );
  process.exit(1);
}

interface Asset {
  /** Path inside dist, e.g. assets/index-abc.js. */
  readonly file: string;
  readonly raw: number;
  readonly gzip: number;
  /** Files it imports statically (JS) and, for a lazy import, the files Vite preloads with it. */
  readonly imports: readonly string[];
  /** Files it imports with import(), each with what Vite preloads alongside. */
  readonly dynamicImports: readonly { file: string; preloads: readonly string[] }[];
}

/** A path as written in the page or a chunk (`/assets/x.js`, `./x.js`) → the path inside dist. */
function inDist(reference: string, fromFile: string): string {
  const path = reference.startsWith('/')
    ? reference.slice(1)
    : posix.normalize(posix.join(posix.dirname(fromFile), reference));
  return path.replace(/[?#].*$/, '');
}

function readAsset(file: string): Asset {
  const content = readFileSync(join(dist, file));
  const imports: string[] = [];
  const dynamicImports: { file: string; preloads: string[] }[] = [];
  if (file.endsWith('.js')) {
    const code = content.toString('utf8');
    // Vite's list of files to preload with lazy imports: __vite__mapDeps(...m.f=["assets/a.js",...]).
    const mapDeps = /m\.f=(\[[^\]]*\])/.exec(code)?.[1];
    const preloadList: unknown = mapDeps === undefined ? [] : JSON.parse(mapDeps);
    const preloadFiles = Array.isArray(preloadList)
      ? preloadList.filter((entry): entry is string => typeof entry === 'string')
      : [];
    for (const match of code.matchAll(
      /\bimport\(\s*[`'"](\.{1,2}\/[^`'"]+)[`'"]\s*\)(,\s*__vite__mapDeps\(\[([\d,\s]*)\]\))?/g,
    )) {
      const [, target = '', , indexes = ''] = match;
      const preloads = indexes
        .split(',')
        .filter((index) => index.trim() !== '')
        .flatMap((index) => preloadFiles[Number(index)] ?? []);
      dynamicImports.push({ file: inDist(target, file), preloads });
    }
    const withoutDynamic = code.replace(/\bimport\(\s*[`'"][^`'"]+[`'"]\s*\)/g, '');
    for (const match of withoutDynamic.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g))
      imports.push(inDist(match[1] ?? '', file));
  }
  return {
    file,
    raw: content.length,
    gzip: gzipSync(content).length,
    imports: [...new Set(imports)],
    dynamicImports,
  };
}

const assets = new Map<string, Asset>();
const walk = (directory: string) => {
  for (const entry of readdirSync(join(dist, directory), { withFileTypes: true })) {
    const file = directory === '' ? entry.name : `${directory}/${entry.name}`;
    if (entry.isDirectory()) walk(file);
    else if (/\.(js|mjs|css)$/.test(entry.name)) assets.set(file, readAsset(file));
  }
};
walk('');

/** Everything the files need, following static imports. */
function closure(files: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of assets.get(file)?.imports ?? []) visit(imported);
  };
  for (const file of files) visit(file);
  return seen;
}

// The page: scripts and stylesheets it names.
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const attribute = (tag: string, name: string) =>
  new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
const named: string[] = [];
for (const [tag = ''] of html.matchAll(/<script\b[^>]*>/gi)) {
  const src = attribute(tag, 'src');
  if (src !== undefined && attribute(tag, 'type') === 'module') named.push(inDist(src, 'index.html'));
}
for (const [tag = ''] of html.matchAll(/<link\b[^>]*>/gi)) {
  const rel = (attribute(tag, 'rel') ?? '').toLowerCase();
  const href = attribute(tag, 'href');
  if (href !== undefined && (rel === 'stylesheet' || rel === 'modulepreload'))
    named.push(inDist(href, 'index.html'));
}
const missing = named.filter((file) => !assets.has(file));
if (missing.length > 0)
  throw new Error(`index.html names files that are not in ${dist}: ${missing.join(', ')}`);
const initial = closure(named);

// Lazy imports: whatever a dynamic import() adds to what is loaded at that point.
interface LazyImport {
  readonly target: string;
  readonly from: string;
  readonly files: readonly string[];
}
const lazyImports: LazyImport[] = [];
const explored = new Set<string>();
const exploreLazy = (loaded: Set<string>) => {
  for (const file of loaded)
    for (const dynamic of assets.get(file)?.dynamicImports ?? []) {
      if (explored.has(dynamic.file)) continue;
      explored.add(dynamic.file);
      const brings = closure([dynamic.file, ...dynamic.preloads]);
      const added = [...brings].filter((added) => !loaded.has(added));
      lazyImports.push({ target: dynamic.file, from: file, files: added });
      exploreLazy(new Set([...loaded, ...brings]));
    }
};
exploreLazy(initial);
const lazyFiles = new Set(lazyImports.flatMap((lazy) => lazy.files));
const unreferenced = [...assets.keys()].filter((file) => !initial.has(file) && !lazyFiles.has(file));

// What a JS chunk is made of, from its source map (Vite writes them: build.sourcemap): the generated
// bytes each package contributes (raw; gzip does not divide by source).
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const character of segment) {
    const digit = BASE64.indexOf(character);
    if (digit === -1) throw new Error(`bad source map segment "${segment}"`);
    value += (digit & 31) << shift;
    if ((digit & 32) !== 0) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}
/** A source map's source (relative to the map) → its npm package, or the workspace it belongs to. */
function packageOf(mapFile: string, source: string): string {
  const path = relative(REPO_ROOT, resolve(dirname(mapFile), source))
    .split(sep)
    .join('/');
  const modules = path.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const [scope = '', name = ''] = path.slice(modules + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  const workspace = /^(?:packages|apps)\/([^/]+)\//.exec(path);
  return workspace === null ? path : `@callflow/${workspace[1]}`;
}
function composition(file: string): { name: string; bytes: number }[] | null {
  const mapFile = join(dist, `${file}.map`);
  if (!existsSync(mapFile)) return null;
  const map: unknown = JSON.parse(readFileSync(mapFile, 'utf8'));
  if (typeof map !== 'object' || map === null || !('mappings' in map) || !('sources' in map)) return null;
  const { mappings, sources } = map;
  if (typeof mappings !== 'string' || !Array.isArray(sources)) return null;
  const lines = readFileSync(join(dist, file), 'utf8').split('\n');
  const bytesBySource = new Map<number, number>();
  let source = 0;
  mappings.split(';').forEach((lineMappings, lineIndex) => {
    const line = lines[lineIndex] ?? '';
    let column = 0;
    const spans: { column: number; source: number | null }[] = [];
    for (const segment of lineMappings.split(',')) {
      if (segment === '') continue;
      const [columnDelta = 0, sourceDelta] = decodeVlq(segment);
      column += columnDelta;
      if (sourceDelta !== undefined) source += sourceDelta;
      spans.push({ column, source: sourceDelta === undefined ? null : source });
    }
    spans.forEach((span, index) => {
      if (span.source === null) return;
      const end = spans[index + 1]?.column ?? line.length;
      const bytes = Buffer.byteLength(line.slice(span.column, end));
      bytesBySource.set(span.source, (bytesBySource.get(span.source) ?? 0) + bytes);
    });
  });
  const byPackage = new Map<string, number>();
  for (const [index, bytes] of bytesBySource) {
    const name = packageOf(mapFile, String(sources[index] ?? '?'));
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytes);
  }
  return [...byPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

// Reporting.
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const sizeOf = (files: Iterable<string>) => {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    raw += assets.get(file)?.raw ?? 0;
    gzip += assets.get(file)?.gzip ?? 0;
  }
  return { raw, gzip };
};
const chunkName = (file: string) => posix.basename(file).replace(/-[\w-]{8}\.(js|css)$/, '.$1');
function table(rows: readonly (readonly string[])[]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row, index) => {
      const line = row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  ');
      return index === 0 ? `${line}\n${widths.map((width) => '-'.repeat(width)).join('  ')}` : line;
    })
    .join('\n');
}
const fileRow = (file: string, note = '') => {
  const asset = assets.get(file);
  return [file, kb(asset?.raw ?? 0), kb(asset?.gzip ?? 0), note];
};
const ofType = (files: Iterable<string>, extension: string) =>
  [...files].filter((file) => file.endsWith(extension));

const initialJs = sizeOf(ofType(initial, '.js'));
const initialCss = sizeOf(ofType(initial, '.css'));
console.log(`Editor bundle in ${dist}\n`);
console.log('Initial download (the login page): index.html and what it loads');
console.log(
  table([
    ['file', 'raw', 'gzip', ''],
    ['index.html', kb(Buffer.byteLength(html)), kb(gzipSync(html).length), ''],
    ...[...initial].map((file) =>
      fileRow(file, named.includes(file) ? 'named in index.html' : 'imported statically'),
    ),
    ['total JS', kb(initialJs.raw), kb(initialJs.gzip), ''],
    ['total CSS', kb(initialCss.raw), kb(initialCss.gzip), ''],
  ]),
);
console.log('\nLoaded lazily, per import() (what it adds to what is already loaded)');
console.log(
  table([
    ['import', 'raw', 'gzip', 'files'],
    ...lazyImports.map((lazy) => {
      const size = sizeOf(lazy.files);
      return [
        `${chunkName(lazy.target)} (from ${chunkName(lazy.from)})`,
        kb(size.raw),
        kb(size.gzip),
        lazy.files.map(chunkName).join(', '),
      ];
    }),
  ]),
);
console.log('\nEvery lazily loaded file');
console.log(table([['file', 'raw', 'gzip', ''], ...[...lazyFiles].sort().map((file) => fileRow(file))]));
if (unreferenced.length > 0) {
  console.log('\nIn dist but not reachable from index.html');
  console.log(table([['file', 'raw', 'gzip', ''], ...unreferenced.map((file) => fileRow(file))]));
}
const compositions = [...initial, ...lazyFiles]
  .filter((file) => file.endsWith('.js') && (assets.get(file)?.raw ?? 0) >= 100_000)
  .map((file) => ({ file, parts: composition(file) }));
for (const { file, parts } of compositions) {
  if (parts === null) continue;
  const total = parts.reduce((sum, part) => sum + part.bytes, 0);
  // The eight biggest, and only those with at least 1% of the chunk; the rest summed up.
  const shown = parts.slice(0, 8).filter((part) => part.bytes >= total / 100);
  const rest = parts.slice(shown.length).reduce((sum, part) => sum + part.bytes, 0);
  console.log(`\nWhat ${file} is made of (by its source map; raw bytes of generated code)`);
  console.log(
    table([
      ['package', 'raw', 'share'],
      ...shown.map((part) => [part.name, kb(part.bytes), `${Math.round((100 * part.bytes) / total)}%`]),
      ...(rest > 0
        ? [[`${parts.length - shown.length} more`, kb(rest), `${Math.round((100 * rest) / total)}%`]]
        : []),
    ]),
  );
}
const editorImport = lazyImports.find((lazy) => chunkName(lazy.target) === 'FlowEditorPage.js');
const editorPage = editorImport === undefined ? null : sizeOf([...initial, ...editorImport.files]);
if (editorPage !== null)
  console.log(
    `\nOpening a flow downloads ${kb(editorPage.raw)} raw, ${kb(editorPage.gzip)} gzip in all (JS and CSS).`,
  );

const json = (files: Iterable<string>) =>
  [...files].map((file) => ({ file, raw: assets.get(file)?.raw ?? 0, gzip: assets.get(file)?.gzip ?? 0 }));
console.log(
  JSON.stringify({
    benchmark: 'editorBundle',
    date: new Date().toISOString(),
    initial: { js: initialJs, css: initialCss, files: json(initial) },
    lazyImports: lazyImports.map((lazy) => ({
      import: lazy.target,
      from: lazy.from,
      ...sizeOf(lazy.files),
      files: lazy.files,
    })),
    lazyFiles: json([...lazyFiles].sort()),
    unreferenced: json(unreferenced),
    openFlowTotal: editorPage,
    composition: Object.fromEntries(
      compositions.map(({ file, parts }) => [
        file,
        parts?.map((part) => ({ name: part.name, raw: part.bytes })) ?? null,
      ]),
    ),
  }),
);
