import { z } from 'zod';
import { languageName } from '../../document/languageName.ts';
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
  help: {
    does: 'Changes the language the caller hears: every prompt after this node plays in that language (recordings and speech in it, sounds from its folder).',
    outcomes: { next: 'Always, once the language is changed.' },
    example:
      'A language menu: “For English press 1, pour le français appuyez sur 2” → 2 → Set language French → the main menu, now in French.',
  },
  ports: () => ['next'],
  summarize: (options) => languageName(options.language),
  waitsForCaller: false,
  variablesSet: () => [callLanguageVariable],
});
