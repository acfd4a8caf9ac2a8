const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits (up to `timeoutMs`, checking every `pollMs`) until `check` holds and returns the time
 * (`Date.now()`) when it first held; otherwise throws with `what` (evaluated then, so it can say how
 * far things got) and the runtime's last output when a harness is given.
 */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: () => string,
  runtime?: { readonly runtimeOutput: string },
  pollMs = 50,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return Date.now();
    if (Date.now() > deadline) {
      const output =
        runtime === undefined ? '' : `\n--- runtime output ---\n${runtime.runtimeOutput.slice(-4000)}`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}${output}`);
    }
    await sleep(pollMs);
  }
}
