import { z } from 'zod';
import { dtmfDigit, firstDigitTimeoutSeconds, language } from '../commonOptions.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { promptList } from '../prompts.ts';

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
    timeoutSeconds: firstDigitTimeoutSeconds,
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

export const menu = defineNodeKind({
  kind: 'menu',
  title: 'Menu',
  description: 'Plays a prompt and branches on the digit the caller presses ("press 1 for sales").',
  icon: 'list-ordered',
  options,
  // Spoken by the built-in text to speech, so a new menu says what a menu is for and needs no recording.
  starterOptions: {
    prompts: [{ type: 'say', text: 'Press 1 for sales, press 2 for support.' }],
    choices: [
      { digit: '1', label: 'Sales' },
      { digit: '2', label: 'Support' },
    ],
  },
  help: {
    does: 'Plays a prompt (“Press 1 for sales, press 2 for support”) and waits for the caller to press a key. Each choice is an outcome; a missing or wrong key is tried again as often as Retries says before its own outcome is taken. The key pressed is kept in {{menu.digit}}.',
    outcomes: {
      '<Each choice>': 'The caller pressed the key of that choice.',
      timeout: 'The caller pressed nothing in time, on the last try.',
      invalid: 'The caller pressed a key that is not a choice, on the last try.',
    },
    example:
      'A company menu: 1 Sales → Dial the sales phone, 2 Support → Dial the support phone, no key pressed → the receptionist.',
  },
  ports: (menuOptions) => [...menuOptions.choices.map((choice) => choice.digit), 'timeout', 'invalid'],
  portLabel: (menuOptions, port) => {
    const choice = menuOptions.choices.find((candidate) => candidate.digit === port);
    if (choice === undefined) return undefined;
    return choice.label.trim() === '' ? `Press ${choice.digit}` : choice.label.trim();
  },
  summarize: (menuOptions) =>
    menuOptions.choices.map((choice) => choice.label.trim() || `Press ${choice.digit}`).join(', '),
  waitsForCaller: true,
  variablesSet: () => ['menu.digit'],
});
