import { describe, expect, it } from 'vitest';
import type { SpeechRequest } from '../runtime/PromptSource.ts';
import { FakeChannel } from '../testing/FakeChannel.ts';
import { FakePromptSource } from '../testing/FakePromptSource.ts';
import { runTestNode } from '../testing/runTestNode.ts';

const say = (text: string, more: Record<string, unknown> = {}) => ({ type: 'say', text, ...more });
const playNode = (prompts: unknown[], options: Record<string, unknown> = {}) => ({
  id: 'p',
  kind: 'play',
  options: { prompts, ...options },
});

/** A prompt source that answers every request with one fixed URI, as a runtime's pinned audio does. */
class PinnedPromptSource extends FakePromptSource {
  override libraryMedia(promptId: string, language: string): string {
    super.libraryMedia(promptId, language);
    return 'sound:http://media.test/media/0123.wav';
  }

  override async speechMedia(request: SpeechRequest, signal: AbortSignal): Promise<string> {
    await super.speechMedia(request, signal);
    return 'sound:http://media.test/media/4567.wav';
  }
}

describe('library and say prompts', () => {
  it('plays a library prompt in the call language, asking the prompt source for its media', async () => {
    const run = await runTestNode(playNode([{ type: 'library', promptId: 'welcome' }]), {
      variables: { 'call.language': 'ru' },
    });
    expect(run.port).toBe('next');
    expect(run.prompts.libraryRequests).toEqual([{ promptId: 'welcome', language: 'ru' }]);
    expect(run.channel.played).toEqual([['sound:fake/welcome/ru']]);
    expect(run.channel.languages).toEqual(['ru']);
  });

  it("speaks a say text with its variable filled in, in the text's language and voice", async () => {
    const run = await runTestNode(
      playNode([say('Your balance is {{vars.balance}} dollars', { voice: 'en-us+f3' })]),
      { variables: { 'vars.balance': '12.50', 'call.language': 'en' } },
    );
    expect(run.prompts.speechRequests).toEqual([
      { text: 'Your balance is 12.50 dollars', language: 'en', voice: 'en-us+f3' },
    ]);
    expect(run.channel.played).toEqual([
      [`sound:fake-speech/en/${encodeURIComponent('Your balance is 12.50 dollars')}`],
    ]);
  });

  it("picks the translation for the call language, spoken in that language's default voice", async () => {
    const prompt = say('Hello {{caller.name}}', {
      voice: 'en-us+f3',
      translations: [
        { language: 'fr_FR', text: 'Bonjour {{caller.name}}' },
        { language: 'ru', text: 'Здравствуйте, {{caller.name}}' },
      ],
    });
    const run = await runTestNode(playNode([prompt]), {
      variables: { 'caller.name': 'Anna', 'call.language': 'ru' },
    });
    expect(run.prompts.speechRequests).toEqual([{ text: 'Здравствуйте, Anna', language: 'ru', voice: null }]);
  });

  it("falls back to the main text in its own language when the call's language has no translation", async () => {
    const prompt = say('Hallo', { language: 'de', translations: [{ language: 'ru', text: 'Привет' }] });
    const run = await runTestNode(playNode([prompt]), { variables: { 'call.language': 'fr' } });
    expect(run.prompts.speechRequests).toEqual([{ text: 'Hallo', language: 'de', voice: null }]);
    // Stock sounds and the playback still ask Asterisk for the call's language.
    expect(run.channel.languages).toEqual(['fr']);
  });

  it("a main text without a language is in the flow's default language", async () => {
    const run = await runTestNode(playNode([say('Welcome')]), {
      prompts: new FakePromptSource('fr_FR'),
      variables: { 'call.language': 'ru' },
    });
    expect(run.prompts.speechRequests).toEqual([{ text: 'Welcome', language: 'fr_FR', voice: null }]);
  });

  it("uses the flow's default language when the call has none, or one that is not a language code", async () => {
    const calls: Record<string, string>[] = [
      {},
      { 'call.language': '../../x' },
      { 'call.language': 'en,ru' },
    ];
    for (const variables of calls) {
      const run = await runTestNode(playNode([{ type: 'library', promptId: 'welcome' }]), {
        prompts: new FakePromptSource('ru'),
        variables,
      });
      expect(run.prompts.libraryRequests).toEqual([{ promptId: 'welcome', language: 'ru' }]);
      expect(run.channel.languages).toEqual(['ru']);
    }
  });

  it("plays in the node's own language when it sets one, whatever the caller's", async () => {
    const prompt = say('Hello', { translations: [{ language: 'ru', text: 'Привет' }] });
    const run = await runTestNode(
      playNode([{ type: 'library', promptId: 'w' }, prompt], { language: 'ru' }),
      {
        variables: { 'call.language': 'en' },
      },
    );
    expect(run.prompts.libraryRequests).toEqual([{ promptId: 'w', language: 'ru' }]);
    expect(run.prompts.speechRequests).toEqual([{ text: 'Привет', language: 'ru', voice: null }]);
    expect(run.channel.languages).toEqual(['ru']);
  });

  it('skips a say prompt that renders empty', async () => {
    const run = await runTestNode(playNode([say('{{vars.none}}'), { type: 'sound', name: 'beep' }]));
    expect(run.prompts.speechRequests).toEqual([]);
    expect(run.channel.played).toEqual([['sound:beep']]);
  });

  it.each([
    ['a comma and a media URI', 'one,sound:http://evil.test/x.wav', 'one,sound:http://evil.test/x.wav'],
    ['a colon and slashes', 'recording:../../etc/passwd', 'recording:../../etc/passwd'],
    ['line breaks and a tab', 'one\r\ntwo\tthree', 'one two three'],
  ])(
    'a value with %s is only text for the prompt source: the media list is its URI alone',
    async (_name, value, spoken) => {
      const prompts = new PinnedPromptSource();
      const run = await runTestNode(playNode([say('{{vars.x}}')]), {
        variables: { 'vars.x': value },
        prompts,
      });
      expect(run.port).toBe('next');
      expect(prompts.speechRequests).toEqual([{ text: spoken, language: 'en', voice: null }]);
      expect(run.channel.played).toEqual([['sound:http://media.test/media/4567.wav']]);
    },
  );

  it.each([
    ['a NUL', 'a\u0000b'],
    ['an escape', '\u001b[2J'],
    ['a C1 control', 'a\u0085b'],
    ['half a surrogate pair', 'a\uD800b'],
  ])("takes 'error' and speaks nothing when a value holds %s", async (_name, value) => {
    const run = await runTestNode(playNode([say('Hello {{vars.x}}')]), { variables: { 'vars.x': value } });
    expect(run.port).toBe('error');
    expect(run.prompts.speechRequests).toEqual([]);
    expect(run.channel.operations).toEqual([]);
    expect(run.errors[0]).toMatch(
      /^prompts\.0\.text: \{\{vars\.x\}\} holds .*cannot be part of text to speak/,
    );
  });

  it("takes 'error' when the text its variables make is longer than a say prompt speaks", async () => {
    const run = await runTestNode(playNode([say('{{vars.a}}{{vars.a}}')]), {
      variables: { 'vars.a': 'x'.repeat(1500) },
    });
    expect(run.port).toBe('error');
    expect(run.errors[0]).toMatch(/prompts\.0\.text: .*3000 characters, more than the 2000/);
    expect(run.prompts.speechRequests).toEqual([]);
  });

  it('refuses every prompt before any is spoken when a later one does not fit', async () => {
    const run = await runTestNode(playNode([say('Hello'), { type: 'digits', value: '{{vars.x}}' }]), {
      variables: { 'vars.x': '1,2' },
    });
    expect(run.port).toBe('error');
    expect(run.prompts.speechRequests).toEqual([]);
  });

  it("takes 'error' when the prompt source has no audio for a library prompt or cannot speak", async () => {
    const missing = new FakePromptSource();
    missing.missing.add('gone');
    const library = await runTestNode(playNode([{ type: 'library', promptId: 'gone' }]), {
      prompts: missing,
    });
    expect(library.port).toBe('error');
    expect(library.errors).toEqual(['the prompt "gone" has no audio']);

    const down = new FakePromptSource();
    down.speechFailure = 'text-to-speech did not answer within 5 s';
    const spoken = await runTestNode(playNode([say('Hello')]), { prompts: down });
    expect(spoken.port).toBe('error');
    expect(spoken.errors).toEqual(['text-to-speech did not answer within 5 s']);
    expect(spoken.channel.operations).toEqual([]);
  });

  it('a menu whose prompt cannot be spoken reports it and still listens for the choice', async () => {
    const down = new FakePromptSource();
    down.speechFailure = 'the speech engine failed';
    const run = await runTestNode(
      { id: 'm', kind: 'menu', options: { prompts: [say('Press 1')], choices: [{ digit: '1' }] } },
      { prompts: down, channel: new FakeChannel(['1']) },
    );
    expect(run.port).toBe('1');
    expect(run.errors).toEqual(['the speech engine failed']);
  });

  it('collect digits speaks its prompt in the call language, interruptible', async () => {
    const run = await runTestNode(
      {
        id: 'c',
        kind: 'collectDigits',
        options: {
          prompts: [say('Enter your PIN', { translations: [{ language: 'ru', text: 'Введите PIN' }] })],
          variable: 'pin',
          maxLength: 1,
        },
      },
      { variables: { 'call.language': 'ru' }, channel: new FakeChannel(['7']) },
    );
    expect(run.prompts.speechRequests).toEqual([{ text: 'Введите PIN', language: 'ru', voice: null }]);
    expect(run.channel.interruptible).toEqual([true]);
    expect(run.variables.get('vars.pin')).toBe('7');
  });

  it('speaks several texts at once rather than one after the other', async () => {
    let pending = 0;
    let most = 0;
    class SlowSpeech extends FakePromptSource {
      override async speechMedia(): Promise<string> {
        pending++;
        most = Math.max(most, pending);
        await new Promise((resolve) => setTimeout(resolve, 10));
        pending--;
        return 'sound:spoken';
      }
    }
    const run = await runTestNode(playNode([say('one'), say('two'), say('three')]), {
      prompts: new SlowSpeech(),
    });
    expect(run.channel.played).toEqual([['sound:spoken', 'sound:spoken', 'sound:spoken']]);
    expect(most).toBe(3);
  });
});

describe('say prompts as written', () => {
  it.each([
    [say(''), /write what to say/],
    [say('   '), /write what to say/],
    [say('line\nbreak'), /control characters/],
    [say('x'.repeat(1001)), /1000/],
    [say('hi', { voice: '../../voice' }), /choose a voice/],
    [say('hi', { voice: 'http://x/v' }), /choose a voice/],
    [say('hi', { language: 'english' }), /language code/],
    [
      say('hi', {
        translations: [
          { language: 'ru', text: 'a' },
          { language: 'ru', text: 'b' },
        ],
      }),
      /one translation/,
    ],
    [
      say('hi', {
        translations: Array.from({ length: 11 }, (_, i) => ({ language: `a${'bcdefghijkl'[i]}`, text: 'x' })),
      }),
      /10/,
    ],
    [{ type: 'library', promptId: 'a/b' }, /choose one of your prompts/],
    [{ type: 'library', promptId: 'x'.repeat(65) }, /64/],
  ])('refuses %j', async (item, message) => {
    await expect(runTestNode(playNode([item]))).rejects.toThrow(message);
  });
});
