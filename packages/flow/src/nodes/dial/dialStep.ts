import { StepFailure } from '../../runtime/StepFailure.ts';
import type { DialOutcome } from '../../values/dialOutcome.ts';
import type { NodeStep } from '../NodeStep.ts';
import { renderOption } from '../renderOption.ts';
import { runStepWithErrorPort } from '../runStepWithErrorPort.ts';
import { valueRules } from '../valueRules.ts';
import { type dial, endpointPattern, maxCallerIdLength } from './dial.ts';

/** A dial that cannot be tried (a value that does not fit, Asterisk refusing) takes this port. */
const failedPort: DialOutcome = 'failed';

export const dialStep: NodeStep<typeof dial> = (options, context) =>
  runStepWithErrorPort(
    context,
    async () => {
      // A value may only add to the resource the author wrote: `1001/sip:…@carrier` cannot reroute.
      const endpoint = renderOption(
        context.variables,
        'endpoint',
        options.endpoint,
        valueRules.dialEndpoint,
      ).trim();
      if (!endpointPattern.test(endpoint)) {
        throw new StepFailure(
          `endpoint "${options.endpoint}" rendered as "${endpoint}", which cannot be dialed`,
        );
      }
      const callerId =
        options.callerId === null
          ? null
          : renderOption(context.variables, 'callerId', options.callerId, valueRules.callerId);
      if (callerId !== null && callerId.length > maxCallerIdLength)
        throw new StepFailure(
          `callerId: "${options.callerId}" rendered longer than ${maxCallerIdLength} characters`,
        );
      const outcome = await context.channel.dial({
        endpoint,
        timeoutSeconds: options.timeoutSeconds,
        callerId,
        ringback: options.ringback,
      });
      // The dial happened: a full call does not turn its outcome into 'failed', the step says it.
      const problem = context.variables.setWithinLimits('dial.status', outcome);
      if (problem !== null) context.reportError(problem);
      return outcome;
    },
    failedPort,
  );
