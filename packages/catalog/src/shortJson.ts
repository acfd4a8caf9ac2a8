const maxLength = 40;

interface Frame {
  readonly isArray: boolean;
  readonly entries: Iterator<readonly [key: string | null, value: unknown]>;
  first: boolean;
}

function* arrayEntries(array: readonly unknown[]): Generator<readonly [null, unknown]> {
  for (let index = 0; index < array.length; index++) yield [null, array[index]];
}

function* objectEntries(object: object): Generator<readonly [string, unknown]> {
  for (const key in object) if (Object.hasOwn(object, key)) yield [key, Reflect.get(object, key)];
}

/** A string, cut before it is quoted: what is written stays short whatever the input. */
const quoted = (text: string): string =>
  JSON.stringify(text.length > maxLength ? text.slice(0, maxLength + 1) : text);

/** JSON of a value that is not an array or object; undefined for what JSON has no form for. */
function scalarJson(value: unknown): string | undefined {
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  return undefined;
}

const cut = (text: string): string => (text.length > maxLength ? `${text.slice(0, maxLength)}…` : text);

/**
 * A value for a message: the start of its JSON, at most 40 characters and `…`. Written a piece at a
 * time and only as far as is shown, without recursion: JSON.stringify of a value from a hostile file
 * (nested 100,000 levels) overflowed the stack, and of a megabyte-long one built it all to keep 40.
 */
export function shortJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return cut(scalarJson(value) ?? String(value));
  let text = '';
  const stack: Frame[] = [];
  let next: unknown = value;
  let pending = true;
  while (text.length <= maxLength) {
    if (pending) {
      pending = false;
      if (typeof next === 'object' && next !== null) {
        const isArray = Array.isArray(next);
        text += isArray ? '[' : '{';
        const entries = Array.isArray(next) ? arrayEntries(next) : objectEntries(next);
        stack.push({ isArray, entries, first: true });
      } else {
        // In an array, as JSON.stringify writes what JSON has no form for (objects skip it below).
        text += scalarJson(next) ?? 'null';
      }
      continue;
    }
    const frame = stack.at(-1);
    if (frame === undefined) break;
    const entry = frame.entries.next();
    if (entry.done === true) {
      text += frame.isArray ? ']' : '}';
      stack.pop();
      continue;
    }
    const [key, child] = entry.value;
    if (key !== null && typeof child !== 'object' && scalarJson(child) === undefined) continue;
    if (!frame.first) text += ',';
    frame.first = false;
    if (key !== null) text += `${quoted(key)}:`;
    next = child;
    pending = true;
  }
  return cut(text);
}
