import { z } from 'zod';
import type { StepContext } from '../../runtime/StepContext.ts';
import { StepFailure } from '../../runtime/StepFailure.ts';
import { dtmfDigit, language } from '../commonOptions.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { type Prompt, promptList, promptMedia } from '../prompts.ts';

const options = z
  .object({
    prompts: promptList.min(1, 'add the menu prompt').meta({
      title: 'Prompts',
      description: 'What the caller hears first, e.g. "press 1 for sales"',
    }),
    choices: z
      .array(
        z
          .object({
            digit: dtmfDigit.meta({ title: 'Digit', description: 'The key the caller presses' }),
            label: z
              .string()
              .max(80)
              .default('')
              .meta({ title: 'Name', description: 'What the choice is for, e.g. Sales' }),
          })
          .strict()
          .meta({ title: 'Choice' }),
      )
      .min(1, 'add at least one choice')
      .max(12)
      .refine((choices) => new Set(choices.map((c) => c.digit)).size === choices.length, {
        message: 'each digit can be used by one choice only',
      })
      .meta({ title: 'Choices', description: 'One outcome per digit the caller may press' }),
    timeoutSeconds: z
      .number()
      .min(1)
      .max(60)
      .default(5)
      .meta({ title: 'Timeout (seconds)', description: 'How long to wait for the first digit' }),
    retries: z.number().int().min(0).max(10).default(2).meta({
      title: 'Retries',
      description: 'Further tries after a timeout or a wrong digit before taking that outcome',
    }),
    rePrompt: z.boolean().default(true).meta({
      title: 'Repeat the prompts on retry',
      description: 'Plays the menu prompts again after the timeout or invalid notice',
    }),
    invalidPrompts: promptList.default([{ type: 'sound', name: 'pm-invalid-option' }]).meta({
      title: 'Invalid choice prompts',
      description: 'Played when the caller presses a digit that is not a choice',
    }),
    timeoutPrompts: promptList
      .default([])
      .meta({ title: 'Timeout prompts', description: 'Played when no digit arrives in time' }),
    bargeIn: z.boolean().default(true).meta({
      title: 'Barge-in',
      description: 'A digit pressed during a prompt stops it and counts as the choice',
    }),
    language,
  })
  .strict();

type MenuOptions = z.output<typeof options>;

/** Prompts to play together, each list with its option name (for errors): `prompts`, `invalidPrompts`. */
type PromptGroups = readonly { readonly option: keyof MenuOptions; readonly prompts: readonly Prompt[] }[];

async function playPrompts(groups: PromptGroups, menu: MenuOptions, context: StepContext): Promise<void> {
  const { channel, variables } = context;
  try {
    const media = groups.flatMap((group) => promptMedia(group.prompts, variables, group.option));
    if (media.length > 0)
      await channel.play(media, { language: menu.language, interruptOnDigit: menu.bargeIn });
  } catch (error) {
    // A broken prompt should not strand the caller: report it and keep listening for a digit.
    if (!(error instanceof StepFailure)) throw error;
    context.reportError(error.message);
  }
  if (!menu.bargeIn) channel.clearDigits();
}

export const menu = defineNodeKind({
  kind: 'menu',
  title: 'Menu',
  description: 'Plays a prompt and branches on the digit the caller presses ("press 1 for sales").',
  options,
  starterOptions: {
    prompts: [{ type: 'sound', name: 'vm-enter-num-to-call' }],
    choices: [{ digit: '1', label: '' }],
  },
  ports: (menuOptions) => [...menuOptions.choices.map((choice) => choice.digit), 'timeout', 'invalid'],
  waitsForCaller: true,
  variablesSet: () => ['menu.digit'],
  run: async (menuOptions, context) => {
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
  },
});
