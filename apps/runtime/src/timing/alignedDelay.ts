/**
 * How long until the next multiple of `intervalMs` on the wall clock (1..intervalMs ms).
 *
 * The runtime's periodic work (call log batches, the publication check, the status heartbeat) is
 * scheduled on this shared grid instead of each timer counting from its own start, so timers that
 * are due together wake the event loop once: on a virtual machine every wakeup of an idle event loop
 * costs about 0.2 ms of CPU, several times what the work itself costs.
 */
export function alignedDelay(intervalMs: number, now: number = Date.now()): number {
  return intervalMs - (now % intervalMs);
}
