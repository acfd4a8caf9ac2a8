import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { libraryPrompt, promptAudio } from '../prompts/testing/promptFixtures.ts';
import { forgetPromptLibrary } from '../prompts/usePromptLibrary.ts';
import { forgetSpeechVoices } from '../prompts/useSpeechVoices.ts';
import { chooseOption, draftNode, renderInspector } from './renderInspector.tsx';

beforeEach(() => {
  forgetPromptLibrary();
  forgetSpeechVoices();
});
afterEach(() => vi.unstubAllGlobals());

const stockSounds = [
  { name: 'hello-world', language: 'en', text: 'Hello world.', durationMs: 1200, format: 'gsm' },
  {
    name: 'demo-congrats',
    language: 'en',
    text: 'Congratulations. You have successfully installed Asterisk…',
    durationMs: 31_000,
    format: 'gsm',
  },
  { name: 'digits/1', language: 'en', text: 'one', durationMs: 420, format: 'gsm' },
  { name: 'hello-world', language: 'fr', text: 'Bonjour le monde.', durationMs: 1300, format: 'gsm' },
];

const welcome = libraryPrompt('welcome1', 'Welcome', [
  promptAudio('en'),
  promptAudio('ru', { durationMs: 3100 }),
]);
const closed = libraryPrompt('closed1', 'We are closed', [promptAudio('en', { durationMs: 4200 })]);

function json(body: unknown): Response {
  return Response.json(body);
}

/** A flow whose Start says calls begin in `language`, with the inspected node after it. */
function flowAround(node: ReturnType<typeof draftNode>, language: string) {
  return {
    schemaVersion: 1,
    nodes: [draftNode('start', { language }, 'start'), node],
    edges: [],
  };
}

describe('the stock sound picker', () => {
  it('finds sounds by what they say in the node’s language, shows their length, and plays the chosen one', async () => {
    const view = renderInspector(draftNode('play', { prompts: [{ type: 'sound', name: '' }] }), {
      stockSounds,
    });
    const picker = screen.getByRole('combobox', { name: 'Sound' });
    fireEvent.focus(picker);
    fireEvent.change(picker, { target: { value: 'congratulations' } });
    const lastSearch = () => new URL(String(view.fetch.mock.calls.at(-1)?.[0]), 'http://x');
    await waitFor(() => expect(lastSearch().searchParams.get('search')).toBe('congratulations'));
    expect(lastSearch().pathname).toBe('/api/sounds/stock');
    expect(lastSearch().searchParams.get('language')).toBe('en');
    const sounds = () => within(screen.getByRole('listbox', { name: 'Sounds' })).getAllByRole('option');
    await waitFor(() => expect(sounds()).toHaveLength(1));
    expect(screen.getByRole('option', { name: /demo-congrats/ }).textContent).toContain('31 s');
    // What is typed is a search, not a sound: nothing to play yet.
    expect(screen.queryByRole('button', { name: /^Play the sound/ })).toBeNull();

    fireEvent.change(picker, { target: { value: 'hello' } });
    fireEvent.mouseDown(await screen.findByRole('option', { name: /hello-world/ }));
    expect(view.lastOptions()?.prompts).toEqual([{ type: 'sound', name: 'hello-world' }]);
    const play = await screen.findByRole('button', { name: 'Play the sound hello-world' });
    const audio = play.closest('.audio-preview')?.querySelector('audio');
    const played = vi.spyOn(audio ?? document.createElement('audio'), 'play');
    fireEvent.click(play);
    await waitFor(() => expect(played).toHaveBeenCalled());
    expect(audio?.getAttribute('src')).toBe('/api/sounds/stock/hello-world/file?language=en');
    expect(await screen.findByText('Says “Hello world.” · 1.2 s')).toBeTruthy();
  });

  it('lists the sounds of the node’s own language', async () => {
    const node = draftNode('play', { prompts: [{ type: 'sound', name: '' }], language: 'fr' });
    renderInspector(node, { stockSounds });
    fireEvent.focus(screen.getByRole('combobox', { name: 'Sound' }));
    const option = await screen.findByRole('option', { name: /hello-world/ });
    expect(option.textContent).toContain('Bonjour le monde.');
  });
  it('offers the sounds of other languages, saying which, when the node’s has none of them', async () => {
    const node = draftNode('play', { prompts: [{ type: 'sound', name: 'hello-world' }], language: 'ru' });
    renderInspector(node, { stockSounds });
    fireEvent.focus(screen.getByRole('combobox', { name: 'Sound' }));
    const option = await screen.findByRole('option', { name: /hello-world/ });
    expect(option.textContent).toContain('1.2 s · en');
    fireEvent.mouseDown(option);
    const play = await screen.findByRole('button', { name: 'Play the sound hello-world' });
    expect(play.closest('.audio-preview')?.querySelector('audio')).toBeTruthy();
    const played = vi.spyOn(
      play.closest('.audio-preview')?.querySelector('audio') ?? document.createElement('audio'),
      'play',
    );
    fireEvent.click(play);
    await waitFor(() => expect(played).toHaveBeenCalled());
    expect(play.closest('.audio-preview')?.querySelector('audio')?.getAttribute('src')).toBe(
      '/api/sounds/stock/hello-world/file?language=en',
    );
  });
});

describe('"My prompt"', () => {
  const routes = (url: URL) =>
    url.pathname === '/api/prompts' ? json({ items: [closed, welcome], languages: ['en', 'ru'] }) : undefined;

  it('picks a library prompt by name and plays it in the flow’s language', async () => {
    const node = draftNode('play', { prompts: [{ type: 'sound', name: 'hello-world' }] }, 'n1');
    const view = renderInspector(node, { routes, document: flowAround(node, 'ru'), nodeIndex: 1 });
    const prompt = screen.getByLabelText('Prompt 1');
    chooseOption(within(prompt).getByLabelText('Type'), 'My prompt');
    expect(view.lastOptions()?.prompts).toEqual([{ type: 'library', promptId: '' }]);
    const picker = within(prompt).getByRole('combobox', { name: 'My prompt' });
    await within(picker).findByRole('option', { name: 'Welcome' });
    chooseOption(picker, 'Welcome');
    expect(view.lastOptions()?.prompts).toEqual([{ type: 'library', promptId: 'welcome1' }]);
    expect(within(prompt).getByRole('button', { name: 'Play Welcome in Russian' })).toBeTruthy();
    expect(within(prompt).getByText('3.1 s')).toBeTruthy();
    expect(
      within(prompt)
        .getByRole('link', { name: /Record or change prompts/ })
        .getAttribute('href'),
    ).toBe('/prompts');
  });

  it('says so when the chosen prompt no longer exists, without showing its id', async () => {
    renderInspector(draftNode('play', { prompts: [{ type: 'library', promptId: 'gone1' }] }), { routes });
    const picker = screen.getByRole('combobox', { name: 'My prompt' });
    await within(picker).findByRole('option', { name: 'A prompt that no longer exists' });
    expect(picker.getAttribute('aria-invalid')).toBe('true');
    expect(document.body.textContent).not.toContain('gone1');
  });
});

describe('"Say (text to speech)"', () => {
  it('previews the text in the flow’s language and the chosen voice, the default voice being a choice', async () => {
    const previews: unknown[] = [];
    const routes = (url: URL, init: RequestInit | undefined) => {
      if (url.pathname === '/api/speech/voices')
        return json({
          engine: 'espeak-ng',
          voices: [
            { id: 'ru', name: 'Russian', language: 'ru' },
            { id: 'en-gb', name: 'English (UK)', language: 'en' },
          ],
        });
      if (url.pathname === '/api/speech/preview') {
        previews.push(JSON.parse(String(init?.body)));
        return new Response(new Uint8Array(44), { headers: { 'content-type': 'audio/wav' } });
      }
      return undefined;
    };
    const node = draftNode('play', { prompts: [{ type: 'say', text: 'Ваш баланс {{vars.balance}}' }] }, 'n1');
    const view = renderInspector(node, { routes, document: flowAround(node, 'ru'), nodeIndex: 1 });
    const voice = screen.getByRole('combobox', { name: 'Voice' });
    expect(voice).toHaveProperty('disabled', false);
    await within(voice).findByRole('option', { name: 'Russian' });
    expect(within(voice).queryByRole('option', { name: 'English (UK)' })).toBeNull();
    expect(within(voice).getAllByRole('option')[0]?.textContent).toBe('Default voice for Russian');
    chooseOption(voice, 'Russian');
    expect(view.lastOptions()?.prompts).toEqual([
      { type: 'say', text: 'Ваш баланс {{vars.balance}}', voice: 'ru' },
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Listen' }));
    await waitFor(() =>
      expect(previews).toEqual([{ text: 'Ваш баланс {{vars.balance}}', language: 'ru', voice: 'ru' }]),
    );
    chooseOption(voice, 'Default voice for Russian');
    expect(view.lastOptions()?.prompts).toEqual([
      { type: 'say', text: 'Ваш баланс {{vars.balance}}', voice: null },
    ]);
  });

  it('names a voice chosen earlier that is not offered now in words, never by its id', async () => {
    const routes = (url: URL) =>
      url.pathname === '/api/speech/voices'
        ? json({ engine: 'espeak-ng', voices: [{ id: 'en-gb', name: 'English (UK)', language: 'en' }] })
        : undefined;
    const gone = draftNode('play', { prompts: [{ type: 'say', text: 'Hello', voice: 'mb-en1' }] }, 'n1');
    const view = renderInspector(gone, { routes, document: flowAround(gone, 'en'), nodeIndex: 1 });
    const voice = screen.getByRole('combobox', { name: 'Voice' });
    await within(voice).findByRole('option', { name: 'A voice this server no longer offers' });
    expect(voice).toHaveProperty('value', 'mb-en1');
    expect(document.body.textContent).not.toContain('mb-en1');
    view.unmount();

    const elsewhere = draftNode('play', { prompts: [{ type: 'say', text: 'Привет', voice: 'en-gb' }] }, 'n1');
    renderInspector(elsewhere, { routes, document: flowAround(elsewhere, 'ru'), nodeIndex: 1 });
    const russian = screen.getByRole('combobox', { name: 'Voice' });
    await within(russian).findByRole('option', { name: 'English (UK) (a voice for another language)' });
    expect(russian).toHaveProperty('value', 'en-gb');
  });
});

describe('language codes', () => {
  it('offers the common languages by name and names the one typed', () => {
    const view = renderInspector(draftNode('setLanguage', { language: 'en' }));
    const input = screen.getByLabelText('Language');
    const offered = [...(input.closest('.field')?.querySelectorAll('datalist option') ?? [])];
    expect(offered.map((option) => option.getAttribute('label'))).toContain('Russian');
    expect(screen.getByText('English')).toBeTruthy();
    fireEvent.change(input, { target: { value: 'ru' } });
    expect(view.lastOptions()).toEqual({ language: 'ru' });
    expect(screen.getByText('Russian')).toBeTruthy();
  });
});
