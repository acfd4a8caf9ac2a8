/** The value at a dotted path (`data.items.0.id`) as variable text: objects as JSON, missing as ''. */
export function pickJsonField(document: unknown, path: string): string {
  let current: unknown = document;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return '';
    current = (current as Record<string, unknown>)[key];
  }
  if (current === null || current === undefined) return '';
  return typeof current === 'object' ? JSON.stringify(current) : String(current);
}
