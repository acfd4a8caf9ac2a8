// Prompts where flows use them, against the real product in Chromium: the Play node's inspector
// picks Asterisk's sounds by what they say, a library prompt by name, and a spoken sentence with a
// variable, each heard in the browser; the publish dialog says which prompts changed since the live
// version. Each test opens its own window and flow, so each runs alone as well as with the others.
import { flowDocument } from '@callflow/flow';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserApi } from '../harness/browserApi.ts';
import { openFlow, selectNode } from '../harness/canvasActions.ts';
import { answered, answeredThen, flow, sound } from '../harness/flowBuilder.ts';
import { useBrowserPages } from '../harness/useBrowserPages.ts';
import { useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';
import {
  adminApi,
  expectPlayed,
  libraryPromptFlow,
  previewAudio,
  promptWithAudio,
  spokenWav,
} from './promptActions.ts';

/** Start → Answer → a Play of hello-world → Hang up. */
const helloFlow = flow(
  [
    ...answered,
    { id: 'play', kind: 'play', label: 'Greeting', options: { prompts: [sound('hello-world')] } },
    { id: 'bye', kind: 'hangup' },
  ],
  [...answeredThen('play'), 'play.next -> bye', 'play.error -> bye'],
);

describe('prompts in the flow editor', () => {
  const product = useProduct();
  const pages = useBrowserPages(product);

  /** The prompts of the Play node as the draft is saved now. */
  async function savedPrompts(flowId: string): Promise<unknown> {
    const stored = await product.harness.db.prisma.flow.findUniqueOrThrow({ where: { id: flowId } });
    return flowDocument.parse(JSON.parse(stored.document)).nodes.find((node) => node.id === 'play')?.options;
  }

  async function editorOn(page: Page, name: string, document = helloFlow): Promise<string> {
    const flowId = await browserApi.createFlow(page, name, document);
    await openFlow(page, product.url, flowId);
    return flowId;
  }

  it('finds Asterisk’s sounds by what they say, shows their length and plays the one chosen', async () => {
    const page = await pages.adminPage();
    const flowId = await editorOn(page, 'Stock sounds');
    const inspector = await selectNode(page, 'play');
    const picker = inspector.getByRole('combobox', { name: 'Sound' });
    await picker.fill('patience');
    const option = inspector.getByRole('option', { name: /queue-thankyou/ });
    await option.waitFor();
    expect(await option.textContent()).toMatch(/Thank you for your patience\d+(\.\d)? s$/);
    await screenshot(page, 'prompts-12-stock-sound-search');
    await option.dispatchEvent('mousedown');
    await expect
      .poll(() => savedPrompts(flowId), { timeout: 10_000 })
      .toMatchObject({ prompts: [sound('queue-thankyou')] });

    const play = inspector.getByRole('button', { name: 'Play the sound queue-thankyou' });
    const served = page.waitForResponse((response) =>
      response.url().includes('/api/sounds/stock/queue-thankyou/file'),
    );
    await play.click();
    expect((await served).headers()['content-type']).toMatch(/^audio\//);
    await expectPlayed(
      previewAudio(inspector.getByRole('button', { name: 'Stop the sound queue-thankyou' })),
    );
  });

  it('picks a library prompt by name, hears it, and says a sentence with a variable', async () => {
    const page = await pages.adminPage();
    const api = await adminApi(product);
    const prompt = await promptWithAudio(api, 'Company greeting', {
      en: await spokenWav('Thank you for calling Acme.'),
    });
    const flowId = await editorOn(page, 'Library and speech');
    const inspector = await selectNode(page, 'play');
    const first = inspector.getByRole('group', { name: 'Prompt 1' });
    await first.getByLabel('Type').selectOption({ label: 'My prompt' });
    const picker = first.getByRole('combobox', { name: 'My prompt' });
    await picker.locator('option', { hasText: 'Company greeting' }).waitFor({ state: 'attached' });
    await picker.selectOption({ label: 'Company greeting' });
    const play = first.getByRole('button', { name: 'Play Company greeting in English' });
    await play.click();
    await expectPlayed(previewAudio(first.getByRole('button', { name: 'Stop Company greeting in English' })));
    await screenshot(page, 'prompts-13-inspector-library-prompt');

    await inspector.getByRole('button', { name: 'Add prompt' }).click();
    const second = inspector.getByRole('group', { name: 'Prompt 2' });
    await second.getByLabel('Type').selectOption({ label: 'Say (text to speech)' });
    await second.getByLabel('Text', { exact: true }).fill('Your balance is {{vars.balance}} dollars.');
    const spoken = page.waitForResponse((response) => response.url().endsWith('/api/speech/preview'));
    await second.getByRole('button', { name: 'Listen' }).click();
    const answer = await spoken;
    expect(answer.status()).toBe(200);
    expect(answer.request().postDataJSON()).toEqual({
      text: 'Your balance is {{vars.balance}} dollars.',
      language: 'en',
      voice: null,
    });
    await expectPlayed(previewAudio(second.getByRole('button', { name: 'Stop' })));
    await screenshot(page, 'prompts-14-inspector-say-prompt');

    await expect
      .poll(() => savedPrompts(flowId), { timeout: 10_000 })
      .toMatchObject({
        prompts: [
          { type: 'library', promptId: prompt.id },
          { type: 'say', text: 'Your balance is {{vars.balance}} dollars.', voice: null },
        ],
      });
  });

  it('publishes, and says which prompts changed since the live version', async () => {
    const page = await pages.adminPage();
    const api = await adminApi(product);
    const prompt = await promptWithAudio(api, 'Opening hours', {
      en: await spokenWav('We are open from nine to five.'),
    });
    const flowId = await browserApi.createFlow(page, 'Opening hours line', libraryPromptFlow(prompt.id));
    await browserApi.publish(page, flowId, '7351');
    const replaced = await api.upload(
      'PUT',
      `/api/prompts/${prompt.id}/audio/en?source=upload&fileName=hours.wav`,
      await spokenWav('We are open from eight to six, Monday to Saturday.'),
      'audio/wav',
    );
    expect(replaced.status).toBe(200);

    await openFlow(page, product.url, flowId);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish to an extension' });
    await dialog.getByLabel('Extension').fill('7351');
    const changes = dialog.getByRole('region', { name: 'Prompts changed since the live version' });
    await changes.getByText('Opening hours: new audio in English').waitFor({ timeout: 10_000 });
    await screenshot(page, 'prompts-15-publish-prompt-changes');

    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByTestId('publish-result').waitFor();
    const now = await product.harness.db.prisma.promptAudio.findFirstOrThrow({
      where: { promptId: prompt.id, language: 'en' },
    });
    const version = await product.harness.db.prisma.flowVersion.findFirstOrThrow({
      where: { flowId },
      orderBy: { number: 'desc' },
    });
    const pinned = await product.harness.db.prisma.versionAudio.findMany({
      where: { versionId: version.id, kind: 'prompt' },
    });
    expect(version.number).toBe(2);
    expect(pinned.map((row) => row.audioHash)).toEqual([now.audioHash]);
  });
});
