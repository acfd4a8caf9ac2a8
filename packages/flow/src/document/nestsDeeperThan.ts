/**
 * Whether a JSON value holds arrays or objects nested more than `limit` levels deep. Walked with an
 * explicit stack, not recursion: a hostile file 100,000 levels deep must get an answer, not overflow
 * the stack (structuredClone and JSON.stringify do).
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= limit) return true;
    const children = Array.isArray(next.value) ? next.value : Object.values(next.value);
    for (const child of children) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}
