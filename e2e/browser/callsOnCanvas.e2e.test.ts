// Real calls seen in the browser: a flow published from the editor takes a call whose path is shown
// on the canvas, a live call is followed, a recording plays, and the runtime's events are listed.
// Every test opens its own window and publishes a flow of its own on an extension of its own, so each
// runs alone as well as with the others.
import { describe, expect, it } from 'vitest';
import { browserApi } from '../harness/browserApi.ts';
import { openFlow } from '../harness/canvasActions.ts';
import { flow } from '../harness/flowBuilder.ts';
import { useBrowserPages } from '../harness/useBrowserPages.ts';
import { useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';
import { salesAndSupport } from './salesAndSupport.ts';

const EXTENSION = '7861';
const VOICEMAIL_EXTENSION = '7862';
const LIVE_EXTENSION = '7863';
const EVENTS_EXTENSION = '7864';

const voicemail = flow(
  [
    { id: 'start', kind: 'start' },
    { id: 'answer', kind: 'answer' },
    {
      id: 'voicemail',
      kind: 'record',
      options: { maxDurationSeconds: 3, maxSilenceSeconds: 0, beep: false },
    },
    { id: 'bye', kind: 'hangup' },
  ],
  ['start.next -> answer', 'answer.next -> voicemail', 'voicemail.next -> bye'],
);

describe('real calls in the browser', () => {
  const product = useProduct();
  const pages = useBrowserPages(product);

  /** Creates and publishes a flow through the API and waits until the runtime serves it. */
  async function published(name: string, document: typeof salesAndSupport, extension: string) {
    const page = await pages.adminPage();
    const flowId = await browserApi.createFlow(page, name, document);
    const since = new Date();
    await browserApi.publish(page, flowId, extension);
    await product.harness.waitForRuntimeEvent('publish_applied', extension, since);
    await product.harness.waitForApp(extension, true);
    return page;
  }

  it('publishes to an extension, takes a real call that presses 2, and shows its path on the canvas', async () => {
    const page = await pages.adminPage();
    await openFlow(
      page,
      product.url,
      await browserApi.createFlow(page, 'Sales and support', salesAndSupport),
    );
    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Extension').fill(EXTENSION);
    await dialog.getByText(`Nothing answers ${EXTENSION} now.`).waitFor();
    await dialog.getByLabel('Note').fill('first version from the browser');
    await screenshot(page, '08-publish-dialog');
    const since = new Date();
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await expect
      .poll(() => dialog.getByTestId('publish-result').textContent())
      .toContain(`extension ${EXTENSION}`);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await product.harness.waitForRuntimeEvent('publish_applied', EXTENSION, since);
    await product.harness.waitForApp(EXTENSION, true);

    const callStart = new Date();
    const call = await placeCall({
      extension: EXTENSION,
      script: [{ pauseMs: 1500 }, { dtmf: '2' }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await product.harness.waitForCall(EXTENSION, callStart);
    expect(logged.steps.map((step) => `${step.nodeId}:${step.port}`)).toEqual([
      'start:next',
      'answer-1:next',
      'menu-1:2',
      'play-2:next',
    ]);

    await page.getByRole('link', { name: 'Calls', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: EXTENSION }).first();
    await row.waitFor();
    await screenshot(page, '09-calls-list');
    await row.click();
    await page.getByRole('link', { name: /show on canvas/i }).waitFor();
    await screenshot(page, '10-call-detail');
    await page.getByRole('link', { name: /show on canvas/i }).click();

    await page.getByTestId('version-badge').waitFor();
    for (const id of ['start', 'answer-1', 'menu-1', 'play-2'])
      await page.getByTestId(`node-trace-${id}`).waitFor();
    expect(await page.getByTestId('node-trace-play-1').count()).toBe(0);
    expect(await page.getByTestId('node-trace-play-3').count()).toBe(0);
    expect(await page.locator('.flow-edge--traced').count()).toBe(3);
    await screenshot(page, '11-call-path-on-canvas');
  });

  it('follows a live call on the canvas while it waits in the menu', async () => {
    const page = await published('Live', salesAndSupport, LIVE_EXTENSION);
    const since = new Date();
    // The caller stays in the menu for 9 s before pressing 1.
    const call = placeCall({
      extension: LIVE_EXTENSION,
      script: [{ pauseMs: 9000 }, { dtmf: '1' }],
      expectRemoteHangup: true,
    });
    try {
      await page.getByRole('link', { name: 'Calls', exact: true }).click();
      const liveRow = page.getByRole('row').filter({ hasText: 'Live' }).first();
      await liveRow.waitFor({ timeout: 5000 });
      await liveRow.click();
      await page.getByRole('link', { name: /show on canvas/i }).click();
      await page.locator('[data-testid="node-menu-1"][data-current="true"]').waitFor({ timeout: 5000 });
      await page
        .getByTestId('trace-badge')
        .getByText(/Following live call/)
        .waitFor();
      await screenshot(page, '12-live-call-on-canvas');
    } finally {
      expect((await call).ok).toBe(true);
    }
    const logged = await product.harness.waitForCall(LIVE_EXTENSION, since);
    expect(logged.steps.map((step) => `${step.nodeId}:${step.port}`)).toContain('menu-1:1');
    // When the call ends, the highlight settles on the path it took.
    await page.getByTestId('node-trace-play-1').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('[data-current="true"]').count(), { timeout: 10_000 }).toBe(0);
  });

  it('plays a recording a call made, in the browser', async () => {
    const since = new Date();
    const page = await published('Voicemail', voicemail, VOICEMAIL_EXTENSION);
    const call = await placeCall({
      extension: VOICEMAIL_EXTENSION,
      script: [{ pauseMs: 300 }, { audioMs: 4000 }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    await product.harness.waitForCall(VOICEMAIL_EXTENSION, since);

    await page.getByRole('link', { name: 'Calls', exact: true }).click();
    await page.getByRole('row').filter({ hasText: VOICEMAIL_EXTENSION }).first().click();
    const player = page.locator('audio').first();
    await player.waitFor();
    // The browser fetches the recording through the API and decodes it: it knows how long it is.
    const duration = await player.evaluate(
      (audio: HTMLAudioElement) =>
        new Promise<number>((resolve, reject) => {
          audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true });
          audio.addEventListener('error', () => reject(new Error(`audio error ${audio.error?.code}`)), {
            once: true,
          });
          audio.preload = 'metadata';
          audio.load();
        }),
    );
    expect(duration).toBeGreaterThan(1);
    expect(duration).toBeLessThan(5);
    await screenshot(page, '13-call-recording');
  });

  it('shows the runtime’s own events: the publish it picked up', async () => {
    const page = await published('Events', salesAndSupport, EVENTS_EXTENSION);
    await page.getByRole('link', { name: 'Runtime', exact: true }).click();
    // The runtime's own events are for developers: under the page's "Details" tab.
    await page.getByRole('tab', { name: 'Details: event log' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: 'publish_applied' })
      .filter({ hasText: EVENTS_EXTENSION })
      .first()
      .waitFor();
    await page.getByText('Connected', { exact: true }).first().waitFor();
    await screenshot(page, '13b-runtime-events');
  });
});
