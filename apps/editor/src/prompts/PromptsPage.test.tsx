import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../calls/testing/fakeApi.ts';
import { libraryPrompt, promptAudio } from './testing/promptFixtures.ts';
import { forgetSpeechVoices } from './useSpeechVoices.ts';

const session = vi.hoisted(() => ({ role: 'editor' as 'admin' | 'editor' | 'viewer' }));
vi.mock('../auth/SessionContext.tsx', () => ({
  useUser: () => ({ id: 'u1', username: 'alice', role: session.role, mustChangePassword: false }),
  canEdit: (user: { role: string }) => user.role !== 'viewer',
}));

const { PromptsPage } = await import('./PromptsPage.tsx');

const welcome = libraryPrompt(
  'welcome1',
  'Welcome',
  [
    promptAudio('en'),
    promptAudio('ru', { source: 'speech', speechText: 'Здравствуйте', fileName: null, durationMs: 1500 }),
  ],
  'The greeting every caller hears first',
);
const closed = libraryPrompt('closed1', 'We are closed');

beforeEach(() => forgetSpeechVoices());
afterEach(() => {
  vi.unstubAllGlobals();
  session.role = 'editor';
});

function library(items = [welcome, closed]) {
  return { body: { items, languages: ['en', 'ru'] } };
}

describe('PromptsPage', () => {
  it('shows the library as prompts by language, with each audio’s length and an Add where there is none', async () => {
    fakeApi((url) => (url.pathname === '/api/prompts' ? library() : undefined));
    render(<PromptsPage />);
    const matrix = await screen.findByTestId('prompt-matrix');
    const headers = within(matrix)
      .getAllByRole('columnheader')
      .map((header) => header.textContent);
    expect(headers.slice(0, 3)).toEqual(['Prompt', 'English', 'Russian']);
    expect(
      within(matrix).getByRole('button', { name: 'Welcome in English: 2.3 s, uploaded file' }),
    ).toBeTruthy();
    expect(
      within(matrix).getByRole('button', { name: 'Welcome in Russian: 1.5 s, text to speech' }),
    ).toBeTruthy();
    expect(within(matrix).getByRole('button', { name: 'Play Welcome in English' })).toBeTruthy();
    expect(within(matrix).getByRole('button', { name: 'Add We are closed in English' })).toBeTruthy();
    expect(within(matrix).getByText('The greeting every caller hears first')).toBeTruthy();
  });

  it('uploads a dropped file as it is and shows the new length at once', async () => {
    const sent: { type: string | null; bytes: number; query: string }[] = [];
    const api = fakeApi((url, method, init) => {
      if (url.pathname === '/api/prompts') return library();
      if (url.pathname === '/api/prompts/closed1/audio/en' && method === 'PUT') {
        const headers = new Headers(init?.headers);
        sent.push({
          type: headers.get('content-type'),
          bytes: init?.body instanceof Uint8Array ? init.body.byteLength : -1,
          query: url.search,
        });
        return {
          body: { ...closed, audio: [promptAudio('en', { durationMs: 4200, fileName: 'closed.wav' })] },
        };
      }
      return undefined;
    });
    render(<PromptsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add We are closed in English' }));
    const dialog = await screen.findByRole('dialog', { name: 'We are closed in English' });
    const file = new File([new Uint8Array(44)], 'closed.wav', { type: 'audio/wav' });
    fireEvent.drop(within(dialog).getByTestId('audio-drop-zone'), {
      dataTransfer: { files: [file], types: ['Files'] },
    });
    await within(dialog).findByText('4.2 s');
    expect(sent).toEqual([{ type: 'audio/wav', bytes: 44, query: '?source=upload&fileName=closed.wav' }]);
    expect(within(dialog).getByRole('img', { name: 'Waveform of We are closed in English' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await screen.findByRole('button', { name: 'We are closed in English: 4.2 s, uploaded file' });
    expect(api.requestsTo('/api/prompts').length).toBeGreaterThanOrEqual(2);
  });

  it('shows the server’s reason when a file is refused', async () => {
    fakeApi((url, method) => {
      if (url.pathname === '/api/prompts') return library();
      if (url.pathname === '/api/prompts/closed1/audio/en' && method === 'PUT')
        return {
          status: 415,
          body: {
            error: 'audio_rejected',
            reason: 'not_audio',
            message:
              'This file is not audio we can read (it looks like a PDF). Upload WAV, MP3, OGG, M4A or WebM.',
          },
        };
      return undefined;
    });
    render(<PromptsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add We are closed in English' }));
    const dialog = await screen.findByRole('dialog');
    const file = new File(['%PDF-1.4'], 'invoice.pdf', { type: 'application/pdf' });
    fireEvent.change(within(dialog).getByLabelText('choose a file'), { target: { files: [file] } });
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/looks like a PDF/);
  });

  it('refuses a file over the limit before sending it', async () => {
    const api = fakeApi((url) => (url.pathname === '/api/prompts' ? library() : undefined));
    render(<PromptsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add We are closed in English' }));
    const dialog = await screen.findByRole('dialog');
    const file = new File(['x'], 'long.wav', { type: 'audio/wav' });
    Object.defineProperty(file, 'size', { value: 31 * 1024 * 1024 });
    fireEvent.change(within(dialog).getByLabelText('choose a file'), { target: { files: [file] } });
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'The file is 31 MB; the limit is 20 MB.',
    );
    expect(api.requests.filter((request) => request.includes('/audio/'))).toEqual([]);
  });

  it('speaks typed text in the chosen voice: a preview first, then saved', async () => {
    const bodies: unknown[] = [];
    fakeApi((url, method, init) => {
      if (url.pathname === '/api/prompts') return library();
      if (url.pathname === '/api/speech/voices')
        return {
          body: { engine: 'espeak-ng', voices: [{ id: 'en-gb', name: 'English (UK)', language: 'en' }] },
        };
      if (url.pathname === '/api/speech/preview' && method === 'POST') {
        bodies.push(JSON.parse(String(init?.body)));
        return { body: {} };
      }
      if (url.pathname === '/api/prompts/closed1/speech/en' && method === 'PUT') {
        bodies.push(JSON.parse(String(init?.body)));
        return {
          body: {
            ...closed,
            audio: [promptAudio('en', { source: 'speech', speechText: 'We are closed.', durationMs: 1800 })],
          },
        };
      }
      return undefined;
    });
    render(<PromptsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add We are closed in English' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('tab', { name: 'Type text' }));
    fireEvent.change(within(dialog).getByLabelText('What to say'), { target: { value: 'We are closed.' } });
    const voice = await within(dialog).findByRole('option', { name: 'English (UK)' });
    fireEvent.change(within(dialog).getByLabelText('Voice'), {
      target: { value: voice.getAttribute('value') },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Listen' }));
    await waitFor(() => expect(bodies).toEqual([{ text: 'We are closed.', language: 'en', voice: 'en-gb' }]));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await within(dialog).findByText('Text to speech: “We are closed.”');
    expect(bodies[1]).toEqual({ text: 'We are closed.', voice: 'en-gb' });
  });

  it('lists where a prompt is used before deleting it, and shows why the server refuses', async () => {
    fakeApi((url, method) => {
      if (url.pathname === '/api/prompts') return library();
      if (url.pathname === '/api/prompts/welcome1' && method === 'GET')
        return {
          body: {
            ...welcome,
            usage: {
              drafts: [{ flowId: 'f1', flowName: 'Main menu' }],
              versions: [
                { flowId: 'f1', flowName: 'Main menu', number: 3, languages: ['en'], liveOn: ['7001'] },
              ],
              liveOn: ['7001'],
            },
          },
        };
      if (url.pathname === '/api/prompts/welcome1' && method === 'DELETE')
        return {
          status: 409,
          body: {
            error: 'prompt_in_use',
            message: 'Welcome is played by the version live on 7001; publish it without this prompt first.',
            extensions: ['7001'],
          },
        };
      return undefined;
    });
    render(<PromptsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Welcome' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Welcome?' });
    await within(dialog).findByText('Main menu version 3');
    expect(within(dialog).getByText('live on 7001')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(
      /live on 7001; publish it without/,
    );
    expect(screen.getByTestId('prompt-matrix').textContent).toContain('Welcome');
  });

  it('creates a prompt and goes on to give it audio', async () => {
    fakeApi((url, method) => {
      if (url.pathname === '/api/prompts' && method === 'POST')
        return { status: 201, body: libraryPrompt('thanks1', 'Thanks') };
      if (url.pathname === '/api/prompts') return library([]);
      return undefined;
    });
    render(<PromptsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add the first prompt' }));
    const form = await screen.findByRole('dialog', { name: 'New prompt' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Thanks' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create' }));
    await screen.findByRole('dialog', { name: 'Thanks in English' });
    expect(screen.getByText('No audio in English yet.')).toBeTruthy();
  });

  it('renames and describes a prompt, showing the flows that play it', async () => {
    const sent: unknown[] = [];
    fakeApi((url, method, init) => {
      if (url.pathname === '/api/prompts') return library();
      if (url.pathname === '/api/prompts/closed1' && method === 'GET')
        return {
          body: {
            ...closed,
            usage: { drafts: [{ flowId: 'f2', flowName: 'Night line' }], versions: [], liveOn: [] },
          },
        };
      if (url.pathname === '/api/prompts/closed1' && method === 'PATCH') {
        sent.push(JSON.parse(String(init?.body)));
        return { body: { ...closed, name: 'Closed for the day', description: 'After 6 pm' } };
      }
      return undefined;
    });
    render(<PromptsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit We are closed' }));
    const form = await screen.findByRole('dialog', { name: 'Edit We are closed' });
    expect((await within(form).findByRole('link', { name: 'Night line' })).getAttribute('href')).toBe(
      '/flows/f2',
    );
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Closed for the day' } });
    fireEvent.change(within(form).getByLabelText('Description'), { target: { value: 'After 6 pm' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved Closed for the day.');
    expect(sent).toEqual([{ name: 'Closed for the day', description: 'After 6 pm' }]);
    expect(within(screen.getByTestId('prompt-matrix')).getByText('After 6 pm')).toBeTruthy();
  });

  it('adds a language as a column, each prompt with an Add in it', async () => {
    fakeApi((url) => (url.pathname === '/api/prompts' ? library() : undefined));
    render(<PromptsPage />);
    await screen.findByTestId('prompt-matrix');
    fireEvent.click(screen.getByRole('button', { name: 'Add a language' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a language' });
    const select = within(dialog).getByLabelText('Language');
    expect(within(select).queryByRole('option', { name: 'Russian' })).toBeNull();
    fireEvent.change(select, { target: { value: 'fr_FR' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add French (France)' }));
    const headers = within(screen.getByTestId('prompt-matrix')).getAllByRole('columnheader');
    expect(headers.map((header) => header.textContent)).toContain('French (France)');
    expect(screen.getByRole('button', { name: 'Add Welcome in French (France)' })).toBeTruthy();
  });

  it('refuses a language code that is not one', async () => {
    fakeApi((url) => (url.pathname === '/api/prompts' ? library() : undefined));
    render(<PromptsPage />);
    await screen.findByTestId('prompt-matrix');
    fireEvent.click(screen.getByRole('button', { name: 'Add a language' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a language' });
    fireEvent.change(within(dialog).getByLabelText('Language'), { target: { value: 'other' } });
    fireEvent.change(within(dialog).getByLabelText('Language code'), { target: { value: '../etc' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /^Add / }));
    expect(within(dialog).getByText('use a language code like en or fr_FR')).toBeTruthy();
  });

  it('removes one language’s audio after asking', async () => {
    const removed: string[] = [];
    fakeApi((url, method) => {
      if (url.pathname === '/api/prompts') return library();
      if (url.pathname === '/api/prompts/welcome1/audio/ru' && method === 'DELETE') {
        removed.push(url.pathname);
        return { status: 204, body: null };
      }
      return undefined;
    });
    render(<PromptsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Welcome in Russian: 1.5 s, text to speech' }));
    const dialog = await screen.findByRole('dialog', { name: 'Welcome in Russian' });
    expect(within(dialog).getByText('Text to speech: “Здравствуйте”')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(removed).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await within(dialog).findByText('No audio in Russian yet.');
    expect(removed).toEqual(['/api/prompts/welcome1/audio/ru']);
  });

  it('lets a viewer listen but not change anything', async () => {
    session.role = 'viewer';
    fakeApi((url) => (url.pathname === '/api/prompts' ? library() : undefined));
    render(<PromptsPage />);
    const matrix = await screen.findByTestId('prompt-matrix');
    expect(within(matrix).getByRole('button', { name: 'Play Welcome in English' })).toBeTruthy();
    expect(within(matrix).queryByRole('button', { name: /^Add / })).toBeNull();
    expect(screen.queryByRole('button', { name: 'New prompt' })).toBeNull();
    fireEvent.click(within(matrix).getByRole('button', { name: 'Welcome in English: 2.3 s, uploaded file' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByRole('tab')).toBeNull();
  });
});
