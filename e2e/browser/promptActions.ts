// What the prompt library's browser tests share: audio files made for the test, dropping a file on
// the page as a person does, listening for audio that really plays, and prompts set up through the API.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type PromptSummary, promptSummarySchema } from '@callflow/contract';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ApiSession } from '../harness/ApiSession.ts';
import { answered, answeredThen, flow, type TestFlow } from '../harness/flowBuilder.ts';
import { CHOSEN_ADMIN_PASSWORD } from '../harness/useBrowserPages.ts';
import type { Product } from '../harness/useProduct.ts';

const run = promisify(execFile);

/** A WAV file of a tone, as a recording program would save it (44.1 kHz, 16-bit, mono). */
export async function toneWav(seconds: number, frequency = 440): Promise<Buffer> {
  const { stdout } = await run(
    'ffmpeg',
    [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=${frequency}:duration=${seconds}`,
      '-ar',
      '44100',
      '-ac',
      '1',
      '-f',
      'wav',
      'pipe:1',
    ],
    { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout;
}

/** A sentence spoken by espeak-ng, saved as a WAV file: what a person might record and upload. */
export async function spokenWav(text: string, voice = 'en-us'): Promise<Buffer> {
  const { stdout } = await run('espeak-ng', ['-v', voice, '--stdout', text], {
    encoding: 'buffer',
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** Drags a file from the desktop onto `target`: the drag events a browser sends, with the file in them. */
export async function dropFile(
  page: Page,
  target: Locator,
  file: { bytes: Buffer; name: string; type: string },
) {
  const transfer = await page.evaluateHandle(
    ({ base64, name, type }) => {
      const binary = atob(base64);
      const bytes = new Uint8Array(binary.length);
      for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type }));
      return data;
    },
    { base64: file.bytes.toString('base64'), name: file.name, type: file.type },
  );
  for (const event of ['dragenter', 'dragover', 'drop'])
    await target.dispatchEvent(event, { dataTransfer: transfer });
}

/** Waits until the <audio> element has played some of its audio (its clock moved). */
export async function expectPlayed(audio: Locator): Promise<void> {
  await expect
    .poll(
      () => audio.evaluate((element) => (element instanceof HTMLMediaElement ? element.currentTime : 0)),
      {
        timeout: 10_000,
      },
    )
    .toBeGreaterThan(0);
}

/** The <audio> element a preview button plays through. */
export function previewAudio(button: Locator): Locator {
  return button.locator('xpath=ancestor::*[contains(@class, "audio-preview")][1]//audio');
}

/** The admin's API session, for what a test sets up without clicking (prompts, their audio). */
export function adminApi(product: Product): Promise<ApiSession> {
  return ApiSession.logIn(product.url, 'admin', CHOSEN_ADMIN_PASSWORD);
}

/** Creates a library prompt with a tone as its audio in each language given. */
export async function promptWithAudio(
  api: ApiSession,
  name: string,
  audio: Record<string, Buffer>,
): Promise<PromptSummary> {
  const created = await api.request('POST', '/api/prompts', { name, description: '' });
  expect(created.status, `creating ${name}: ${created.text}`).toBe(201);
  let prompt = promptSummarySchema.parse(created.json);
  for (const [language, bytes] of Object.entries(audio)) {
    const uploaded = await api.upload(
      'PUT',
      `/api/prompts/${prompt.id}/audio/${language}?source=upload&fileName=${language}.wav`,
      bytes,
      'audio/wav',
    );
    expect(uploaded.status, `uploading ${name} in ${language}: ${uploaded.text}`).toBe(200);
    prompt = promptSummarySchema.parse(uploaded.json);
  }
  return prompt;
}

/** The Prompts page, opened from the navigation as a person does. */
export async function openPromptsPage(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Prompts' }).click();
  await page.getByRole('heading', { name: 'Prompts', exact: true }).waitFor();
}

/** Every request the page makes, to check the browser talks to the product alone. */
export function requestsOf(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

/** Start → Answer → a Play of the library prompt `promptId` → Hang up. */
export function libraryPromptFlow(promptId: string): TestFlow {
  return flow(
    [
      ...answered,
      { id: 'play', kind: 'play', label: 'Greeting', options: { prompts: [{ type: 'library', promptId }] } },
      { id: 'bye', kind: 'hangup' },
    ],
    [...answeredThen('play'), 'play.next -> bye', 'play.error -> bye'],
  );
}
