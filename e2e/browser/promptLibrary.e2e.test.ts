// The Prompts page against the real product (API, ffmpeg, espeak-ng) in Chromium with its fake
// microphone. Each test opens its own window and makes its own prompts, so each runs alone
// (`vitest run browser/promptLibrary.e2e.test.ts -t '<name>'`) as well as with the others.
import { describe, expect, it } from 'vitest';
import { browserApi } from '../harness/browserApi.ts';
import { useBrowserPages } from '../harness/useBrowserPages.ts';
import { useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';
import {
  adminApi,
  dropFile,
  expectPlayed,
  libraryPromptFlow,
  openPromptsPage,
  previewAudio,
  promptWithAudio,
  requestsOf,
  spokenWav,
  toneWav,
} from './promptActions.ts';

describe('the Prompts page in the browser', () => {
  const product = useProduct();
  const pages = useBrowserPages(product);
  const prisma = () => product.harness.db.prisma;
  const storedAudio = (promptId: string, language: string) =>
    prisma().promptAudio.findUnique({
      where: { promptId_language: { promptId, language } },
      include: { audio: true },
    });

  it('creates a prompt and takes a WAV dropped on it: its length and waveform show, in the dialog and the table', async () => {
    const page = await pages.adminPage();
    await openPromptsPage(page);
    if ((await prisma().prompt.count()) === 0) {
      await page.getByText('No prompts yet').waitFor();
      await screenshot(page, 'prompts-01-empty-library');
    }
    await page.getByRole('button', { name: 'New prompt' }).click();
    const form = page.getByRole('dialog', { name: 'New prompt' });
    await form.getByLabel('Name').fill('Welcome');
    await form.getByLabel('Description').fill('The greeting every caller hears first');
    await screenshot(page, 'prompts-02-new-prompt');
    await form.getByRole('button', { name: 'Create' }).click();

    const dialog = page.getByRole('dialog', { name: 'Welcome in English' });
    await dialog.getByText('No audio in English yet.').waitFor();
    await dropFile(page, dialog.getByTestId('audio-drop-zone'), {
      bytes: await spokenWav('Thank you for calling Acme. All our lines are busy, please hold.'),
      name: 'welcome.wav',
      type: 'audio/wav',
    });
    const duration = dialog.getByTestId('prompt-audio-duration');
    await duration.waitFor({ timeout: 30_000 });
    const waveform = dialog.getByRole('img', { name: 'Waveform of Welcome in English' });
    expect(await waveform.locator('rect').count()).toBe(120);
    await dialog.getByText('Uploaded file “welcome.wav”').waitFor();
    await screenshot(page, 'prompts-03-uploaded-waveform');

    const prompt = await prisma().prompt.findUniqueOrThrow({ where: { name: 'Welcome' } });
    const stored = await storedAudio(prompt.id, 'en');
    expect(stored?.source).toBe('upload');
    // The length shown is the stored audio's (a few seconds of speech, silence trimmed).
    const seconds = (stored?.audio.durationMs ?? 0) / 1000;
    expect(seconds).toBeGreaterThan(2);
    expect(seconds).toBeLessThan(8);
    expect(await duration.textContent()).toBe(
      `${seconds < 10 ? (Math.round(seconds * 10) / 10).toFixed(1) : Math.round(seconds)} s`,
    );

    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: /^Welcome in English: \d+(\.\d)? s, uploaded file$/ }).waitFor();
    await screenshot(page, 'prompts-04-library-matrix');
  });

  it('says why a file that is not audio is refused, and stores nothing', async () => {
    const page = await pages.adminPage();
    const api = await adminApi(product);
    const prompt = await promptWithAudio(api, 'Not audio', {});
    await openPromptsPage(page);
    await page.getByRole('button', { name: 'Add Not audio in English' }).click();
    const dialog = page.getByRole('dialog', { name: 'Not audio in English' });
    await dropFile(page, dialog.getByTestId('audio-drop-zone'), {
      bytes: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
      name: 'invoice.pdf',
      type: 'application/pdf',
    });
    const alert = dialog.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(/not audio/i);
    await screenshot(page, 'prompts-05-refused-file');
    expect(await storedAudio(prompt.id, 'en')).toBeNull();
  });

  it('records with the microphone, shows its level, plays it back, then saves it', async () => {
    const page = await pages.adminPage();
    const api = await adminApi(product);
    const prompt = await promptWithAudio(api, 'Recorded greeting', {});
    await openPromptsPage(page);
    await page.getByRole('button', { name: 'Add Recorded greeting in English' }).click();
    const dialog = page.getByRole('dialog', { name: 'Recorded greeting in English' });
    await dialog.getByRole('tab', { name: 'Record' }).click();
    await dialog.getByRole('button', { name: 'Start recording' }).click();

    // Chromium's fake microphone beeps: the meter moves with it.
    const meter = dialog.getByRole('meter', { name: 'Microphone level' });
    await expect
      .poll(async () => Number(await meter.getAttribute('value')), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await screenshot(page, 'prompts-06-recording-level');
    await page.waitForTimeout(2500);
    await dialog.getByRole('button', { name: 'Stop recording' }).click();

    const playback = dialog.getByLabel('Your recording');
    await playback.waitFor();
    await playback.evaluate((element) => (element instanceof HTMLMediaElement ? element.play() : undefined));
    await expectPlayed(playback);
    await screenshot(page, 'prompts-07-recording-playback');
    expect(await storedAudio(prompt.id, 'en')).toBeNull();

    await dialog.getByRole('button', { name: 'Save recording' }).click();
    await dialog.getByText('Recorded in the browser').waitFor({ timeout: 30_000 });
    const stored = await storedAudio(prompt.id, 'en');
    expect(stored?.source).toBe('recording');
    expect(stored?.audio.durationMs).toBeGreaterThan(500);
  });

  it('plays a prompt from the table through the API alone', async () => {
    const page = await pages.adminPage();
    const requests = requestsOf(page);
    const api = await adminApi(product);
    const prompt = await promptWithAudio(api, 'Menu options', {
      en: await spokenWav('For sales, press 1. For support, press 2.'),
      ru: await spokenWav('Отдел продаж, нажмите 1. Поддержка, нажмите 2.', 'ru'),
    });
    await openPromptsPage(page);
    const play = page.getByRole('button', { name: 'Play Menu options in Russian' });
    const served = page.waitForResponse((response) =>
      response.url().includes(`/api/prompts/${prompt.id}/audio/ru/file`),
    );
    await play.click();
    const answer = await served;
    // A media element asks for byte ranges: 206 is the file, a part at a time.
    expect([200, 206]).toContain(answer.status());
    expect(answer.headers()['content-type']).toMatch(/^audio\//);
    await expectPlayed(previewAudio(page.getByRole('button', { name: 'Stop Menu options in Russian' })));
    await screenshot(page, 'prompts-08-preview-playing');
    const origin = new URL(product.url).origin;
    expect(requests.filter((url) => !url.startsWith(origin) && !/^(blob|data):/.test(url))).toEqual([]);
  });

  it('speaks typed text: a preview first, then saved as the prompt’s audio', async () => {
    const page = await pages.adminPage();
    const api = await adminApi(product);
    const prompt = await promptWithAudio(api, 'Closed', {});
    await openPromptsPage(page);
    await page.getByRole('button', { name: 'Add Closed in English' }).click();
    const dialog = page.getByRole('dialog', { name: 'Closed in English' });
    await dialog.getByRole('tab', { name: 'Type text' }).click();
    await dialog.getByLabel('What to say').fill('We are closed. Please call again tomorrow.');
    const voice = dialog.getByLabel('Voice');
    await expect.poll(() => voice.locator('option').count(), { timeout: 10_000 }).toBeGreaterThan(1);
    const spoken = page.waitForResponse((response) => response.url().endsWith('/api/speech/preview'));
    await dialog.getByRole('button', { name: 'Listen' }).click();
    expect((await spoken).status()).toBe(200);
    await expectPlayed(previewAudio(dialog.getByRole('button', { name: 'Stop' })));
    await screenshot(page, 'prompts-09-type-text');

    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog
      .getByText('Text to speech: “We are closed. Please call again tomorrow.”')
      .waitFor({ timeout: 30_000 });
    const stored = await storedAudio(prompt.id, 'en');
    expect(stored).toMatchObject({
      source: 'speech',
      speechText: 'We are closed. Please call again tomorrow.',
    });
    expect(stored?.audio.durationMs).toBeGreaterThan(1000);
  });

  it('lists where a prompt is used and shows why it cannot be deleted while a live version plays it', async () => {
    const page = await pages.adminPage();
    const api = await adminApi(product);
    const prompt = await promptWithAudio(api, 'Holiday notice', { en: await toneWav(1) });
    const flowId = await browserApi.createFlow(page, 'Holiday line', libraryPromptFlow(prompt.id));
    await browserApi.publish(page, flowId, '7341');
    await openPromptsPage(page);
    await page.getByRole('button', { name: 'Edit Holiday notice' }).click();
    const form = page.getByRole('dialog', { name: 'Edit Holiday notice' });
    await form.getByRole('link', { name: 'Holiday line version 1' }).waitFor();
    await screenshot(page, 'prompts-11-edit-where-used');
    await form.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Delete Holiday notice' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Holiday notice?' });
    await dialog.getByRole('link', { name: 'Holiday line version 1' }).waitFor();
    await dialog.getByText('live on 7341').waitFor();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/7341/);
    await screenshot(page, 'prompts-10-delete-refused');
    expect(await prisma().prompt.count({ where: { id: prompt.id } })).toBe(1);
  });
});
