import { z } from 'zod';
import { firstDigitTimeoutSeconds, language, variableName } from '../commonOptions.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { promptList } from '../prompts.ts';

export const collectDigits = defineNodeKind({
  kind: 'collectDigits',
  title: 'Collect digits',
  description: 'Collects a number the caller types (an account or PIN) into a variable.',
  icon: 'hash',
  options: z
    .object({
      prompts: promptList.default([]).meta({
        title: 'Prompts',
        description: 'What the caller hears first, e.g. "enter your account number"',
      }),
      minLength: z.number().int().min(1).max(64).default(1).meta({
        title: 'Minimum digits',
        description: 'Fewer digits than this take the timeout outcome',
      }),
      maxLength: z
        .number()
        .int()
        .min(1)
        .max(64)
        .default(10)
        .meta({ title: 'Maximum digits', description: 'Stops listening once this many digits arrive' }),
      terminator: z
        .enum(['#', '*', 'none'])
        .default('#')
        .meta({
          title: 'End key',
          description: 'A key that ends the input early; it is not stored',
          enumLabels: { '#': '# (hash)', '*': '* (star)', none: 'None' },
        }),
      timeoutSeconds: firstDigitTimeoutSeconds,
      interDigitTimeoutSeconds: z
        .number()
        .min(1)
        .max(30)
        .default(3)
        .meta({ title: 'Between digits (seconds)', description: 'How long to wait for each next digit' }),
      variable: variableName.meta({
        title: 'Store in variable',
        description: 'The digits are stored as vars.<name>',
      }),
      language,
    })
    .strict()
    .refine((o) => o.minLength <= o.maxLength, {
      message: 'the minimum length cannot exceed the maximum length',
      path: ['minLength'],
    }),
  starterOptions: { variable: 'digits' },
  help: {
    does: 'Plays a prompt, then collects a number the caller types on the keypad (an account number, a PIN, an extension) and keeps it in a variable for later nodes. It stops at the end key, at the maximum number of digits or when the caller stops typing.',
    outcomes: {
      next: 'The caller typed at least the minimum number of digits.',
      timeout: 'The caller typed nothing, or fewer digits than the minimum.',
    },
    example:
      'Collect “Please enter your account number, then hash” into account, then an HTTP lookup of {{vars.account}} in your CRM.',
  },
  ports: () => ['next', 'timeout'],
  portLabel: (_options, port) => (port === 'timeout' ? 'Not enough digits' : undefined),
  summarize: (options) => (options.variable === '' ? '' : `into ${options.variable}`),
  waitsForCaller: true,
  variablesSet: (options) => [`vars.${options.variable}`],
});
