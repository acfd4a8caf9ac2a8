// Every page of the product, at the two window sizes people use most (a 1280×800 laptop and a
// 1920×1080 monitor), with a flow that took a real call: screenshots for people to look at, and the
// checks a screenshot review keeps finding: nothing scrolls sideways, and no page shows a developer's
// words (document paths, internal node ids, Stasis application names).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserApi } from '../harness/browserApi.ts';
import { logIn } from '../harness/logIn.ts';
import { CHOSEN_ADMIN_PASSWORD, useBrowserPages } from '../harness/useBrowserPages.ts';
import { useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';
import { salesAndSupport } from './salesAndSupport.ts';

const EXTENSION = '7871';

const sizes = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

/** Words only a developer would understand, as they leaked onto pages before. */
const developerWords = [
  /\bnodes\.\d+\./,
  /\bdocument\.nodes\b/,
  /callflow-sandbox-/,
  /\bno port\b/,
  /\b(answer|menu|play|hangup)-\d+\b/,
  /Unrecognized key/,
];

/** The page's visible text must not hold developer words, and the page must not scroll sideways. */
async function expectReadable(page: Page, what: string): Promise<void> {
  const text = await page.locator('body').innerText();
  for (const pattern of developerWords) expect(text, `${what} shows ${pattern}`).not.toMatch(pattern);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what} scrolls sideways`).toBeLessThanOrEqual(0);
}

describe('every page, at 1280×800 and 1920×1080', () => {
  const product = useProduct();
  const pages = useBrowserPages(product);

  it('shows each page readably, with a flow that took a real call', async () => {
    const setup = await pages.adminPage();
    const flowId = await browserApi.createFlow(setup, 'Sales and support', salesAndSupport);
    const since = new Date();
    await browserApi.publish(setup, flowId, EXTENSION);
    await product.harness.waitForRuntimeEvent('publish_applied', EXTENSION, since);
    await product.harness.waitForApp(EXTENSION, true);
    const callStart = new Date();
    const call = await placeCall({
      extension: EXTENSION,
      script: [{ pauseMs: 1500 }, { dtmf: '1' }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await product.harness.waitForCall(EXTENSION, callStart);

    for (const viewport of sizes) {
      const name = (page: string) => `tour-${viewport.width}-${page}`;
      const context = await product.browser.newContext({ viewport });
      try {
        const page = await context.newPage();
        await page.goto(product.url);
        await page.getByRole('heading', { name: 'Log in' }).waitFor();
        await screenshot(page, name('01-login'));
        await logIn(page, product.url, 'admin', CHOSEN_ADMIN_PASSWORD);
        await page.getByRole('heading', { name: 'Flows', exact: true }).waitFor();
        await page.getByText('Sales and support').first().waitFor();
        await expectReadable(page, 'the flows page');
        await screenshot(page, name('02-flows'));

        await page.goto(`${product.url}/flows/${flowId}`);
        await page.locator('.react-flow__node').first().waitFor();
        await expectReadable(page, 'the editor');
        await screenshot(page, name('03-editor'));
        await page.locator('.react-flow__node').nth(2).click();
        await page.locator('.inspector').waitFor();
        await expectReadable(page, 'the editor with a node selected');
        await screenshot(page, name('04-editor-inspector'));

        await page.getByRole('button', { name: 'Publish', exact: true }).click();
        await page.getByRole('dialog').waitFor();
        await expectReadable(page, 'the publish dialog');
        await screenshot(page, name('05-publish-dialog'));
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });
        await page.getByRole('button', { name: /versions/i }).click();
        await page.getByRole('dialog').waitFor();
        await expectReadable(page, 'the versions dialog');
        await screenshot(page, name('06-versions'));
        await page.keyboard.press('Escape');

        await page.getByRole('link', { name: 'Prompts', exact: true }).click();
        await page.getByRole('heading', { name: 'Prompts', exact: true }).waitFor();
        await expectReadable(page, 'the prompts page');
        await screenshot(page, name('07-prompts'));

        await page.getByRole('link', { name: 'Calls', exact: true }).click();
        await page.getByRole('row').filter({ hasText: EXTENSION }).first().waitFor();
        await expectReadable(page, 'the call list');
        await screenshot(page, name('08-calls'));
        await page.goto(`${product.url}/calls/${logged.id}`);
        await page.getByRole('link', { name: /show on canvas/i }).waitFor();
        await expectReadable(page, 'the call detail');
        await screenshot(page, name('09-call-detail'));

        await page.getByRole('link', { name: 'Runtime', exact: true }).click();
        await page.getByRole('heading', { name: 'Runtime', exact: true }).waitFor();
        await page.getByText(EXTENSION).first().waitFor();
        await expectReadable(page, 'the runtime page');
        await screenshot(page, name('10-runtime'));

        await page.getByRole('link', { name: 'Secrets', exact: true }).click();
        await page.getByRole('heading', { name: 'Secrets', exact: true }).waitFor();
        await expectReadable(page, 'the secrets page');
        await screenshot(page, name('11-secrets'));
      } finally {
        await context.close();
      }
    }
  });
});
