import { describe, expect, it } from 'vitest';
import { runTestFlow } from '../testing/runTestFlow.ts';
import { testFlow } from '../testing/testFlow.ts';
import { validateFlow } from '../validation/validateFlow.ts';
import type { FlowDocument } from './FlowDocument.ts';
import { flowLanguages } from './flowLanguages.ts';
import { libraryPromptIds } from './libraryPromptIds.ts';
import { speechTexts } from './speechTexts.ts';

const greeting = {
  type: 'say',
  text: ' Welcome to Acme ',
  voice: 'en-us+f3',
  translations: [{ language: 'ru', text: 'Добро пожаловать в Acme' }],
};
const balance = {
  type: 'say',
  text: 'Your balance is {{vars.balance}}',
  translations: [{ language: 'ru', text: 'Баланс' }],
};

const document = testFlow(
  [
    { id: 'start', kind: 'start', options: { language: 'en' } },
    {
      id: 'hello',
      kind: 'play',
      options: { prompts: [greeting, { type: 'library', promptId: 'logo' }, balance] },
    },
    {
      id: 'menu',
      kind: 'menu',
      options: {
        prompts: [{ type: 'library', promptId: 'menu' }, greeting],
        choices: [{ digit: '1' }],
        invalidPrompts: [
          { type: 'library', promptId: 'logo' },
          { type: 'say', text: 'Wrong key', language: 'de' },
        ],
      },
    },
    { id: 'ru', kind: 'setLanguage', options: { language: 'ru' } },
    { id: 'fr', kind: 'setLanguage', options: { language: 'fr_FR' } },
  ],
  ['start -> hello -> menu', 'menu.1 -> ru', 'ru -> fr'],
);

function parsed(input: unknown): FlowDocument {
  const result = validateFlow(input);
  if (result.document === null) throw new Error(JSON.stringify(result.problems));
  return result.document;
}

describe('what a flow plays from the prompt library and text-to-speech', () => {
  it('lists each library prompt once, in order', () => {
    expect(libraryPromptIds(parsed(document))).toEqual(['logo', 'menu']);
  });

  it('lists each static text once (translations included) as the request a call makes, and no text with variables', () => {
    expect(speechTexts(parsed(document))).toEqual([
      { text: 'Welcome to Acme', language: 'en', voice: 'en-us+f3' },
      { text: 'Добро пожаловать в Acme', language: 'ru', voice: null },
      { text: 'Баланс', language: 'ru', voice: null },
      { text: 'Wrong key', language: 'de', voice: null },
    ]);
  });

  it("lists the flow's languages, the Start's first", () => {
    expect(flowLanguages(parsed(document))).toEqual(['en', 'ru', 'fr_FR']);
    expect(flowLanguages({ nodes: [] })).toEqual(['en']);
  });

  it('asks a call for exactly the texts listed, so a call finds what publishing rendered', async () => {
    const published = speechTexts(parsed(document));
    for (const language of ['en', 'ru']) {
      const run = await runTestFlow(document, {
        callerActions: ['9', null, null],
        variables: { 'call.language': language },
      });
      const staticRequests = run.prompts.speechRequests.filter(
        (request) => !request.text.startsWith('Your balance'),
      );
      expect(staticRequests.length).toBeGreaterThan(0);
      for (const request of staticRequests) expect(published).toContainEqual(request);
    }
  });
});
