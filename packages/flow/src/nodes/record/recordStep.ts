import { StepFailure } from '../../runtime/StepFailure.ts';
import type { NodeStep } from '../NodeStep.ts';
import { recordingNamePattern } from '../prompts.ts';
import { renderOption } from '../renderOption.ts';
import { runStepWithErrorPort } from '../runStepWithErrorPort.ts';
import { valueRules } from '../valueRules.ts';
import type { record } from './record.ts';

export const recordStep: NodeStep<typeof record> = (options, context) =>
  runStepWithErrorPort(context, async () => {
    const name = renderOption(
      context.variables,
      'nameTemplate',
      options.nameTemplate,
      valueRules.recordingName,
    );
    if (name === '') throw new StepFailure(`nameTemplate: "${options.nameTemplate}" rendered empty`);
    // Values may hold `/` and `.` (a name kept in a variable), but never `..` or a leading `/`.
    if (!recordingNamePattern.test(name))
      throw new StepFailure(
        `nameTemplate: "${options.nameTemplate}" rendered as ${JSON.stringify(name.slice(0, 40))}, which is not a recording name`,
      );
    // Set before recording: a caller who hangs up mid-recording still leaves a file worth finding.
    context.variables.set(`vars.${options.variable}`, name);
    await context.channel.record({
      name,
      format: options.format,
      maxDurationSeconds: options.maxDurationSeconds,
      maxSilenceSeconds: options.maxSilenceSeconds,
      beep: options.beep,
      terminateOn: options.terminateOn,
    });
    return 'next';
  });
