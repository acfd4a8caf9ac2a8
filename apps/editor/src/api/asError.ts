/** Whatever was thrown, as an Error to show: promises can reject with anything. */
export function asError(caught: unknown): Error {
  return caught instanceof Error ? caught : new Error(String(caught));
}
