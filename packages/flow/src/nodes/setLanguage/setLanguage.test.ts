import { describe, expect, it } from 'vitest';
import { flowNode } from '../../document/FlowDocument.ts';
import { FakePromptSource } from '../../testing/FakePromptSource.ts';
import { runTestFlow } from '../../testing/runTestFlow.ts';
import { runTestNode } from '../../testing/runTestNode.ts';
import { testFlow } from '../../testing/testFlow.ts';
import { nodeKinds } from '../nodeKinds.ts';

const library = (promptId: string) => ({ type: 'library', promptId });

/** "Press 1 for English, 2 for Русский", then the main menu in the language chosen. */
const twoLanguageMenu = testFlow(
  [
    { id: 'start', kind: 'start', options: { language: 'en' } },
    { id: 'answer', kind: 'answer' },
    {
      id: 'choose',
      kind: 'menu',
      options: { prompts: [library('choose-language')], choices: [{ digit: '1' }, { digit: '2' }] },
    },
    { id: 'russian', kind: 'setLanguage', options: { language: 'ru' } },
    {
      id: 'main',
      kind: 'menu',
      options: {
        prompts: [
          library('main-menu'),
          {
            type: 'say',
            text: 'Your balance is {{vars.balance}}',
            translations: [{ language: 'ru', text: 'Ваш баланс {{vars.balance}}' }],
          },
          { type: 'sound', name: 'digits/1' },
        ],
        choices: [{ digit: '1' }],
      },
    },
    { id: 'bye', kind: 'hangup' },
  ],
  [
    'start -> answer -> choose',
    'choose.1 -> main',
    'choose.2 -> russian',
    'russian -> main',
    'main.1 -> bye',
  ],
);

describe('setLanguage', () => {
  it("sets call.language and takes 'next'", async () => {
    const run = await runTestNode({ id: 'l', kind: 'setLanguage', options: { language: 'fr_FR' } });
    expect(run.port).toBe('next');
    expect(run.variables.get('call.language')).toBe('fr_FR');
    expect(nodeKinds.setLanguage.variablesSet({ language: 'ru' })).toEqual(['call.language']);
    expect(nodeKinds.setLanguage.ports({ language: 'ru' })).toEqual(['next']);
  });

  it.each(['', 'russian', 'RU', 'ru-RU', '../ru', 'ru,en', '{{vars.lang}}'])(
    'refuses the language %j',
    (language) => {
      expect(flowNode.safeParse({ id: 'l', kind: 'setLanguage', options: { language } }).success).toBe(false);
    },
  );

  it('plays the menu after Set language ru in Russian: the ru library prompt, the ru translation, ru sounds', async () => {
    const run = await runTestFlow(twoLanguageMenu, {
      callerActions: ['2', '1'],
      variables: { 'vars.balance': '42' },
    });
    expect(run.path).toEqual([
      'start:next',
      'answer:next',
      'choose:2',
      'russian:next',
      'main:1',
      'bye:ended',
    ]);
    expect(run.prompts.libraryRequests).toEqual([
      { promptId: 'choose-language', language: 'en' },
      { promptId: 'main-menu', language: 'ru' },
    ]);
    expect(run.prompts.speechRequests).toEqual([{ text: 'Ваш баланс 42', language: 'ru', voice: null }]);
    expect(run.channel.played).toEqual([
      ['sound:fake/choose-language/en'],
      [
        'sound:fake/main-menu/ru',
        `sound:fake-speech/ru/${encodeURIComponent('Ваш баланс 42')}`,
        'sound:digits/1',
      ],
    ]);
    expect(run.channel.languages).toEqual(['en', 'ru']);
  });

  it("plays the same menu in the flow's language when the caller chooses English", async () => {
    const run = await runTestFlow(twoLanguageMenu, {
      callerActions: ['1', '1'],
      variables: { 'vars.balance': '42' },
    });
    expect(run.path).toEqual(['start:next', 'answer:next', 'choose:1', 'main:1', 'bye:ended']);
    expect(run.prompts.libraryRequests.map((request) => request.language)).toEqual(['en', 'en']);
    expect(run.prompts.speechRequests).toEqual([{ text: 'Your balance is 42', language: 'en', voice: null }]);
    expect(run.channel.languages).toEqual(['en', 'en']);
  });

  it("starts calls in the Start node's language", async () => {
    const flow = testFlow(
      [
        { id: 'start', kind: 'start', options: { language: 'fr_FR' } },
        { id: 'hello', kind: 'play', options: { prompts: [library('welcome')] } },
      ],
      ['start -> hello'],
    );
    const run = await runTestFlow(flow, { prompts: new FakePromptSource('fr_FR') });
    expect(run.prompts.libraryRequests).toEqual([{ promptId: 'welcome', language: 'fr_FR' }]);
    expect(run.channel.languages).toEqual(['fr_FR']);
  });
});
