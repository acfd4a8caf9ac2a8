// A real call, told as a story: a caller presses 1 in a menu whose choices are named, and the call
// detail reads "Pressed 1 → Sales" with no developer words until "Details" is opened; another caller
// hangs up during a message, and the story says where and after how long. The runtime page then
// says, in a user's words, that the phone system is connected and which extension answers.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserApi } from '../harness/browserApi.ts';
import { flow, sound } from '../harness/flowBuilder.ts';
import { useBrowserPages } from '../harness/useBrowserPages.ts';
import { useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';

const EXTENSION = '7891';

const companyMenu = flow(
  [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
    { id: 'answer-1', kind: 'answer', position: { x: 260, y: 0 } },
    {
      id: 'menu-1',
      kind: 'menu',
      label: 'Main menu',
      position: { x: 520, y: 0 },
      options: {
        prompts: [sound('hello-world')],
        choices: [
          { digit: '1', label: 'Sales' },
          { digit: '2', label: 'Support' },
        ],
      },
    },
    {
      id: 'play-1',
      kind: 'play',
      label: 'Sales message',
      position: { x: 780, y: 0 },
      options: { prompts: [sound('hello-world')] },
    },
    {
      id: 'play-2',
      kind: 'play',
      label: 'Support message',
      position: { x: 780, y: 220 },
      // Long enough for the caller to hang up in the middle of it.
      options: { prompts: Array.from({ length: 8 }, () => sound('hello-world')) },
    },
  ],
  [
    'start.next -> answer-1',
    'answer-1.next -> menu-1',
    'menu-1.1 -> play-1',
    'menu-1.2 -> play-2',
    'menu-1.timeout -> menu-1',
  ],
);

/** Words only a developer reads: Stasis app names, variables, port ids, node ids. */
const developerWords = [/callflow-sandbox-/, /menu\.digit/, /\bno port\b/, /\b(answer|menu|play)-\d+\b/];

/** The story's lines, as the call detail tells them. */
async function storyLines(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'What happened' }).locator('.call-step__text').allTextContents();
}

describe('the story of a real call, and the runtime page', () => {
  const product = useProduct();
  const pages = useBrowserPages(product);

  it('tells a call that pressed 1 as “Pressed 1 → Sales”, a hangup during a message, and shows the extension answering', async () => {
    const page = await pages.adminPage();
    const flowId = await browserApi.createFlow(page, 'Company menu', companyMenu);
    const since = new Date();
    await browserApi.publish(page, flowId, EXTENSION);
    await product.harness.waitForRuntimeEvent('publish_applied', EXTENSION, since);
    await product.harness.waitForApp(EXTENSION, true);

    const firstStart = new Date();
    const sales = await placeCall({
      extension: EXTENSION,
      script: [{ pauseMs: 1500 }, { dtmf: '1' }],
      expectRemoteHangup: true,
    });
    expect(sales.ok, sales.errors ?? sales.stderr).toBe(true);
    const salesCall = await product.harness.waitForCall(EXTENSION, firstStart);
    const secondStart = new Date();
    // Presses 2, then hangs up about 3 s into the support message.
    const hangup = await placeCall({
      extension: EXTENSION,
      script: [{ pauseMs: 1500 }, { dtmf: '2' }, { pauseMs: 3000 }],
    });
    expect(hangup.ok, hangup.errors ?? hangup.stderr).toBe(true);
    const hangupCall = await product.harness.waitForCall(EXTENSION, secondStart);

    // The call list gives the day as well as the time.
    await page.getByRole('link', { name: 'Calls', exact: true }).click();
    const row = page.locator(`tr[data-call-id="${salesCall.id}"]`);
    await row.waitFor();
    expect(await row.locator('time').textContent()).toMatch(/^Today \d\d:\d\d/);
    expect(await row.locator('time').getAttribute('title')).toMatch(/\d{4}/);

    await row.click();
    const story = page.getByRole('list', { name: 'What happened' });
    await story.getByText('Pressed 1 → Sales', { exact: true }).waitFor();
    expect(await storyLines(page)).toEqual([
      'Call came in',
      'Answered',
      'Pressed 1 → Sales',
      'Played “Sales message”',
      'End of the flow: call ended',
    ]);
    const detail = page.getByRole('article');
    for (const words of developerWords) expect(await detail.textContent()).not.toMatch(words);
    await screenshot(page, 'call-story-1280');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'call-story-1920');
    await page.setViewportSize({ width: 1280, height: 800 });

    // What the runtime logged is one click away.
    await detail.getByRole('button', { name: 'Details' }).click();
    await detail.getByText('menu.digit=1').waitFor();
    await detail
      .getByText(/callflow-sandbox-/)
      .first()
      .waitFor();
    await screenshot(page, 'call-story-details-1280');

    await page.goto(`${product.url}/calls/${hangupCall.id}`);
    await page
      .getByRole('list', { name: 'What happened' })
      .getByText(/^Hung up during “Support message” after \d(\.\d)? s$/)
      .waitFor();
    expect(await storyLines(page)).toEqual([
      'Call came in',
      'Answered',
      'Pressed 2 → Support',
      expect.stringMatching(/^Hung up during “Support message” after \d(\.\d)? s$/),
    ]);
    await screenshot(page, 'call-story-hangup-1280');

    // The runtime page: the phone system is connected, the extension answers with this flow.
    await page.getByRole('link', { name: 'Runtime', exact: true }).click();
    await page.getByRole('heading', { name: 'Phone system: connected' }).waitFor();
    const answering = page.locator(`tr[data-extension="${EXTENSION}"]`);
    await answering.getByText('Answering', { exact: true }).waitFor();
    expect(await answering.getByRole('link', { name: 'Company menu' }).getAttribute('href')).toBe(
      `/flows/${flowId}`,
    );
    await expect
      .poll(() => page.getByTestId('runtime-status').textContent())
      .toMatch(/^Phone system connected · \d+ extensions? answering$/);
    for (const words of developerWords)
      expect(await page.locator('main, .page').first().textContent()).not.toMatch(words);
    await screenshot(page, 'runtime-overview-1280');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'runtime-overview-1920');

    await page.getByRole('tab', { name: 'Details: event log' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: 'publish_applied' })
      .filter({ hasText: EXTENSION })
      .first()
      .waitFor();
    await screenshot(page, 'runtime-event-log-1920');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'runtime-event-log-1280');
  });
});
