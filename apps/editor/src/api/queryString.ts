/** A query value; `null`, `undefined` and `''` mean "not given" and are left out. */
export type QueryValue = string | number | boolean | null | undefined;

/**
 * `?a=1&b=2` of the values that are given, in the order listed (so equal queries give equal URLs),
 * or `''` when none is.
 */
export function queryString(values: Readonly<Record<string, QueryValue>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
