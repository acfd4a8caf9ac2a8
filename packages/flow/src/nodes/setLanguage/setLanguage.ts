import { z } from 'zod';
import { languageCode } from '../commonOptions.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { callLanguageVariable } from '../start/start.ts';

export const setLanguage = defineNodeKind({
  kind: 'setLanguage',
  title: 'Set language',
  description: "Changes the caller's language: the prompts after it play in that language.",
  icon: 'languages',
  options: z
    .object({
      language: languageCode.meta({
        title: 'Language',
        description: 'The language prompts play in from here on, e.g. ru or fr_FR',
        examples: ['en'],
      }),
    })
    .strict(),
  starterOptions: { language: 'en' },
  ports: () => ['next'],
  waitsForCaller: false,
  variablesSet: () => [callLanguageVariable],
});
