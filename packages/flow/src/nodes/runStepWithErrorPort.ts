import type { StepContext } from '../runtime/StepContext.ts';
import { StepFailure } from '../runtime/StepFailure.ts';

/**
 * Runs a step; an expected failure is reported on the step and routed to `errorPort`. Not itself
 * async: the step is, so it fails by rejecting, and one more promise per step is what the runtime
 * pays for every node under load.
 */
export function runStepWithErrorPort(
  context: StepContext,
  step: () => Promise<string>,
  errorPort = 'error',
): Promise<string> {
  return step().catch((error: unknown) => {
    if (!(error instanceof StepFailure)) throw error;
    context.reportError(error.message);
    return errorPort;
  });
}
