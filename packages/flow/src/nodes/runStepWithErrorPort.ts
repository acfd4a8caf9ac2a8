import type { StepContext } from '../runtime/StepContext.ts';
import { StepFailure } from '../runtime/StepFailure.ts';

/** Runs a step; an expected failure is reported on the step and routed to `errorPort`. */
export async function runStepWithErrorPort(
  context: StepContext,
  step: () => Promise<string>,
  errorPort = 'error',
): Promise<string> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error;
    context.reportError(error.message);
    return errorPort;
  }
}
