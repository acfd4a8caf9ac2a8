import type { Response } from 'express';

/**
 * A signal aborted when the client closes the connection before its answer is sent, so audio work
 * nobody waits for any more (a conversion, a rendering) stops at once.
 */
export function abortWhenClientLeaves(response: Response): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
