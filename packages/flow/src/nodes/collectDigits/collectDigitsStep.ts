import { StepFailure } from '../../runtime/StepFailure.ts';
import type { NodeStep } from '../NodeStep.ts';
import { promptLanguage, promptMedia } from '../promptMedia.ts';
import type { collectDigits } from './collectDigits.ts';

export const collectDigitsStep: NodeStep<typeof collectDigits> = async (options, context) => {
  const { channel, variables } = context;
  channel.clearDigits();
  try {
    const language = promptLanguage(context, options.language);
    const media = await promptMedia(options.prompts, context, 'prompts', language);
    if (media.length > 0) await channel.play(media, { language, interruptOnDigit: true });
  } catch (error) {
    // A broken prompt should not end the call: report it and listen for the digits anyway.
    if (!(error instanceof StepFailure)) throw error;
    context.reportError(error.message);
  }
  let digits = '';
  while (digits.length < options.maxLength) {
    const waitSeconds = digits === '' ? options.timeoutSeconds : options.interDigitTimeoutSeconds;
    const digit = await channel.nextDigit(waitSeconds * 1000);
    if (digit === null || digit === options.terminator) break;
    digits += digit;
  }
  // At most 64 digits: only a call already holding every variable it can refuses them.
  const problem = variables.setWithinLimits(`vars.${options.variable}`, digits);
  if (problem !== null) context.reportError(problem);
  return digits.length >= options.minLength ? 'next' : 'timeout';
};
