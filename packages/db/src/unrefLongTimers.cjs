// Preloaded into the Prisma CLI processes that runPrismaCli starts (node --require).
//
// On PostgreSQL, Prisma 6.19's WebAssembly schema engine arms a 10 s timer (its advisory-lock
// timeout) and leaves it pending after the command is done, so every `migrate deploy` took 10 s
// longer than its work. Unref'd, such a timer still fires while the process is busy (e.g. really
// waiting for the lock over a pg socket) but no longer keeps a finished process alive.
'use strict';
const setTimeoutOriginal = globalThis.setTimeout;
globalThis.setTimeout = Object.assign(function setTimeout(callback, ms, ...args) {
  const timer = setTimeoutOriginal(callback, ms, ...args);
  if (typeof ms === 'number' && ms >= 10_000) timer.unref();
  return timer;
}, setTimeoutOriginal);
