import { z } from 'zod';
import type { StepContext } from '../../runtime/StepContext.ts';
import { StepFailure } from '../../runtime/StepFailure.ts';
import { dtmfDigit, language } from '../commonOptions.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { type Prompt, promptList, promptMedia } from '../prompts.ts';

const options = z
  .object({
    prompts: promptList.min(1, 'add the menu prompt'),
    choices: z
      .array(z.object({ digit: dtmfDigit, label: z.string().max(80).default('') }).strict())
      .min(1, 'add at least one choice')
      .max(12)
      .refine((choices) => new Set(choices.map((c) => c.digit)).size === choices.length, {
        message: 'each digit can be used by one choice only',
      }),
    timeoutSeconds: z.number().min(1).max(60).default(5),
    retries: z.number().int().min(0).max(10).default(2),
    /** Played again before each retry. */
    rePrompt: z.boolean().default(true),
    invalidPrompts: promptList.default([{ type: 'sound', name: 'pm-invalid-option' }]),
    timeoutPrompts: promptList.default([]),
    /** A digit pressed during a prompt stops it and counts as the choice. */
    bargeIn: z.boolean().default(true),
    language,
  })
  .strict();

type MenuOptions = z.output<typeof options>;

async function playPrompts(
  prompts: readonly Prompt[],
  menu: MenuOptions,
  context: StepContext,
): Promise<void> {
  const { channel, variables } = context;
  try {
    const media = promptMedia(prompts, (text) => variables.render(text));
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
  ports: (menuOptions) => [...menuOptions.choices.map((choice) => choice.digit), 'timeout', 'invalid'],
  waitsForCaller: true,
  variablesSet: () => ['menu.digit'],
  run: async (menuOptions, context) => {
    const choices = new Set<string>(menuOptions.choices.map((choice) => choice.digit));
    context.channel.clearDigits();
    let prompts: readonly Prompt[] = menuOptions.prompts;
    for (let attempt = 0; ; attempt++) {
      await playPrompts(prompts, menuOptions, context);
      const digit = await context.channel.nextDigit(menuOptions.timeoutSeconds * 1000);
      if (digit !== null) context.variables.set('menu.digit', digit);
      if (digit !== null && choices.has(digit)) return digit;
      const failure = digit === null ? 'timeout' : 'invalid';
      if (attempt >= menuOptions.retries) return failure;
      const notice = failure === 'timeout' ? menuOptions.timeoutPrompts : menuOptions.invalidPrompts;
      prompts = menuOptions.rePrompt ? [...notice, ...menuOptions.prompts] : notice;
    }
  },
});
