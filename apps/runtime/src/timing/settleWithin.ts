/**
 * Waits for `promises` to settle, or `ms` at most, whichever comes first; the timer is cleared once
 * they settle, so a long bound (a stop grace of up to an hour) does not keep the process alive.
 */
export async function settleWithin(promises: Iterable<Promise<unknown>>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([Promise.allSettled(promises), bound]);
  } finally {
    clearTimeout(timer);
  }
}
