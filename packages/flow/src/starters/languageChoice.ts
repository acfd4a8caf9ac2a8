import type { Prompt } from '../nodes/prompts.ts';
import type { StarterFlow } from './StarterFlow.ts';
import { errorPath, errorPathWires, starterDocument } from './starterDocument.ts';

/** A sentence written in `language` with the same sentence for callers in `other`. */
function sayIn(language: string, text: string, other?: { language: string; text: string }): Prompt {
  return { type: 'say', text, language, voice: null, translations: other === undefined ? [] : [other] };
}

/**
 * Each language offers itself in its own words (a Play in English, then the menu in French), then
 * the caller's choice sets the language and every prompt after it plays in that language.
 */
export const languageChoice: StarterFlow = {
  id: 'language-choice',
  title: 'Language choice',
  description:
    'Callers press 1 for English or 2 for French; everything they hear afterwards is in their language.',
  icon: 'languages',
  document: starterDocument(
    [
      { id: 'start', kind: 'start', label: 'Incoming call', at: [0, 0] },
      { id: 'answer', kind: 'answer', label: 'Pick up', at: [0, 1] },
      {
        id: 'in-english',
        kind: 'play',
        label: 'For English, press 1',
        at: [0, 2],
        options: { language: 'en', prompts: [sayIn('en', 'Welcome. For English, press 1.')] },
      },
      {
        id: 'choose',
        kind: 'menu',
        label: 'Choose a language',
        at: [0, 3],
        options: {
          language: 'fr',
          prompts: [sayIn('fr', 'Bienvenue. Pour le français, appuyez sur 2.')],
          choices: [
            { digit: '1', label: 'English' },
            { digit: '2', label: 'Français' },
          ],
          invalidPrompts: [],
          retries: 1,
        },
      },
      { id: 'english', kind: 'setLanguage', label: 'Speak English', at: [0, 4], options: { language: 'en' } },
      { id: 'french', kind: 'setLanguage', label: 'Speak French', at: [1, 4], options: { language: 'fr' } },
      {
        id: 'welcome',
        kind: 'play',
        label: 'Welcome in their language',
        at: [0.5, 5],
        options: {
          prompts: [
            sayIn('en', 'Thank you for calling. Goodbye.', {
              language: 'fr',
              text: 'Merci de votre appel. Au revoir.',
            }),
          ],
        },
      },
      { id: 'welcome-hangup', kind: 'hangup', label: 'Hang up', at: [0.5, 6] },
      { id: 'no-choice', kind: 'hangup', label: 'No choice: hang up', at: [2, 4] },
      ...errorPath(
        3,
        1,
        sayIn('en', 'Sorry, something went wrong. Please call again later.', {
          language: 'fr',
          text: 'Désolé, une erreur est survenue. Merci de rappeler plus tard.',
        }),
      ),
    ],
    [
      'start.next -> answer',
      'answer.next -> in-english',
      'in-english.next -> choose',
      'choose.1 -> english',
      'choose.2 -> french',
      'choose.timeout -> no-choice',
      'choose.invalid -> no-choice',
      'english.next -> welcome',
      'french.next -> welcome',
      'welcome.next -> welcome-hangup',
      ...errorPathWires,
    ],
  ),
};
