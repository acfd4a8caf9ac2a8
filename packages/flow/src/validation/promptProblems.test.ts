import { describe, expect, it } from 'vitest';
import { testFlow } from '../testing/testFlow.ts';
import type { LibraryPrompts } from './promptProblems.ts';
import { validateFlow } from './validateFlow.ts';

const library: LibraryPrompts = new Map([
  ['welcome', { name: 'Welcome', languages: ['en', 'ru'] }],
  ['menu', { name: 'Main menu', languages: ['en'] }],
  ['silent', { name: 'Not recorded yet', languages: [] }],
]);

/** start (en) -> [Set language ru ->] play with `prompts`; `playOptions` add to the play node's. */
function flowPlaying(prompts: unknown[], setup: { russian?: boolean; playOptions?: object } = {}) {
  const nodes = [
    { id: 'start', kind: 'start' },
    { id: 'hello', kind: 'play', label: 'Greeting', options: { prompts, ...setup.playOptions } },
    ...(setup.russian ? [{ id: 'ru', kind: 'setLanguage', options: { language: 'ru' } }] : []),
  ];
  return testFlow(nodes, setup.russian ? ['start -> ru -> hello'] : ['start -> hello']);
}

function problemsOf(document: unknown, prompts?: LibraryPrompts) {
  const result = validateFlow(document, prompts === undefined ? {} : { prompts });
  return result.problems.filter((problem) => !['unconnected-port', 'no-error-path'].includes(problem.code));
}

describe('prompt problems', () => {
  it('refuses a library prompt that is no longer in the library, naming the node and the field', () => {
    const document = flowPlaying([
      { type: 'sound', name: 'beep' },
      { type: 'library', promptId: 'deleted' },
    ]);
    expect(validateFlow(document, { prompts: library }).ok).toBe(false);
    expect(problemsOf(document, library)).toEqual([
      {
        severity: 'error',
        code: 'unknown-prompt',
        message:
          'Play “Greeting”: Prompts › prompt 2 › My prompt: the prompt chosen here no longer exists; choose another',
        nodeId: 'hello',
        edgeId: null,
        path: 'nodes.1.options.prompts.1.promptId',
      },
    ]);
  });

  it('does not check library prompts without the library', () => {
    const document = flowPlaying([{ type: 'library', promptId: 'deleted' }], { russian: true });
    expect(validateFlow(document).ok).toBe(true);
    expect(problemsOf(document)).toEqual([]);
  });

  it('warns about a library prompt without audio in a language the flow uses, saying what callers hear', () => {
    const document = flowPlaying(
      [
        { type: 'library', promptId: 'menu' },
        { type: 'library', promptId: 'welcome' },
      ],
      {
        russian: true,
      },
    );
    expect(validateFlow(document, { prompts: library }).ok).toBe(true);
    expect(problemsOf(document, library)).toMatchObject([
      {
        severity: 'warning',
        code: 'prompt-missing-language',
        message:
          'Play “Greeting”: Prompts › prompt 1 › My prompt: “Main menu” has no audio in Russian, so callers in Russian hear it in English: add a Russian recording in My prompts',
        path: 'nodes.1.options.prompts.0.promptId',
      },
    ]);
  });

  it('warns about a library prompt that has no audio at all', () => {
    const problems = problemsOf(flowPlaying([{ type: 'library', promptId: 'silent' }]), library);
    expect(problems).toMatchObject([{ severity: 'warning', code: 'prompt-without-audio' }]);
    expect(problems[0]?.message).toBe(
      'Play “Greeting”: Prompts › prompt 1 › My prompt: “Not recorded yet” has no audio yet, so callers hear nothing here: add a recording in My prompts',
    );
  });

  it('warns about a say prompt missing a translation for a language the flow uses', () => {
    const document = flowPlaying([{ type: 'say', text: 'Hello' }], { russian: true });
    expect(problemsOf(document)).toEqual([
      {
        severity: 'warning',
        code: 'missing-translation',
        message:
          'Play “Greeting”: Prompts › prompt 1 › Translations: the text has no Russian translation, so callers in Russian hear it in English: add one under Translations',
        nodeId: 'hello',
        edgeId: null,
        path: 'nodes.1.options.prompts.0.translations',
      },
    ]);
  });

  it('is content with a say prompt translated into every language, or written in the one missing', () => {
    const translated = { type: 'say', text: 'Hello', translations: [{ language: 'ru', text: 'Привет' }] };
    expect(problemsOf(flowPlaying([translated], { russian: true }))).toEqual([]);
    const russianWithEnglish = {
      type: 'say',
      text: 'Привет',
      language: 'ru',
      translations: [{ language: 'en', text: 'Hi' }],
    };
    expect(problemsOf(flowPlaying([russianWithEnglish], { russian: true }))).toEqual([]);
  });

  it("checks only the node's own language when it sets one", () => {
    const prompts = [
      { type: 'say', text: 'Hello' },
      { type: 'library', promptId: 'menu' },
    ];
    expect(
      problemsOf(flowPlaying(prompts, { russian: true, playOptions: { language: 'en' } }), library),
    ).toEqual([]);
    expect(
      problemsOf(flowPlaying(prompts, { playOptions: { language: 'fr' } }), library).map(
        (problem) => problem.code,
      ),
    ).toEqual(['missing-translation', 'prompt-missing-language']);
  });

  it('a flow in one language needs no translations', () => {
    expect(
      problemsOf(
        flowPlaying([
          { type: 'say', text: 'Hello' },
          { type: 'library', promptId: 'menu' },
        ]),
        library,
      ),
    ).toEqual([]);
  });

  it('names a node without a label by its kind (never its id), and a menu field by its form label', () => {
    const document = testFlow(
      [
        { id: 'start', kind: 'start', options: { language: 'ru' } },
        {
          id: 'm1',
          kind: 'menu',
          options: {
            prompts: [{ type: 'sound', name: 'x' }],
            choices: [{ digit: '1' }],
            invalidPrompts: [{ type: 'library', promptId: 'menu' }],
          },
        },
      ],
      ['start -> m1'],
    );
    expect(problemsOf(document, library).map((problem) => problem.message)).toEqual([
      'Menu (Press 1): Invalid choice prompts › prompt 1 › My prompt: “Main menu” has no audio in Russian, so callers in Russian hear it in English: add a Russian recording in My prompts',
    ]);
  });
});
