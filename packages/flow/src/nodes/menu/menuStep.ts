import type { z } from 'zod';
import type { StepContext } from '../../runtime/StepContext.ts';
import { StepFailure } from '../../runtime/StepFailure.ts';
import type { NodeStep } from '../NodeStep.ts';
import { promptLanguage, promptMedia } from '../promptMedia.ts';
import type { Prompt } from '../prompts.ts';
import type { menu } from './menu.ts';

type MenuOptions = z.output<(typeof menu)['options']>;

/** Prompts to play together, each list with its option name (for errors): `prompts`, `invalidPrompts`. */
type PromptGroups = readonly { readonly option: keyof MenuOptions; readonly prompts: readonly Prompt[] }[];

async function playPrompts(
  groups: PromptGroups,
  menuOptions: MenuOptions,
  context: StepContext,
): Promise<void> {
  const { channel } = context;
  try {
    const language = promptLanguage(context, menuOptions.language);
    const media = (
      await Promise.all(groups.map((group) => promptMedia(group.prompts, context, group.option, language)))
    ).flat();
    if (media.length > 0) await channel.play(media, { language, interruptOnDigit: menuOptions.bargeIn });
  } catch (error) {
    // A broken prompt should not strand the caller: report it and keep listening for a digit.
    if (!(error instanceof StepFailure)) throw error;
    context.reportError(error.message);
  }
  if (!menuOptions.bargeIn) channel.clearDigits();
}

export const menuStep: NodeStep<typeof menu> = async (menuOptions, context) => {
  const choices = new Set<string>(menuOptions.choices.map((choice) => choice.digit));
  context.channel.clearDigits();
  const main = { option: 'prompts', prompts: menuOptions.prompts } as const;
  let prompts: PromptGroups = [main];
  for (let attempt = 0; ; attempt++) {
    await playPrompts(prompts, menuOptions, context);
    const digit = await context.channel.nextDigit(menuOptions.timeoutSeconds * 1000);
    const problem = digit === null ? null : context.variables.setWithinLimits('menu.digit', digit);
    if (problem !== null) context.reportError(problem);
    if (digit !== null && choices.has(digit)) return digit;
    const failure = digit === null ? 'timeout' : 'invalid';
    if (attempt >= menuOptions.retries) return failure;
    const notice =
      failure === 'timeout'
        ? ({ option: 'timeoutPrompts', prompts: menuOptions.timeoutPrompts } as const)
        : ({ option: 'invalidPrompts', prompts: menuOptions.invalidPrompts } as const);
    prompts = menuOptions.rePrompt ? [notice, main] : [notice];
  }
};
