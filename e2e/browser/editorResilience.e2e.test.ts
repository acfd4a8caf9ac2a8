// Each test opens its own window, so each runs alone as well as with the other.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserApi } from '../harness/browserApi.ts';
import { selectNode } from '../harness/canvasActions.ts';
import { useBrowserPages } from '../harness/useBrowserPages.ts';
import { useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';
import { answerAndHangUp } from './answerAndHangUp.ts';

/** What went wrong in a page: its errors, and what its Content-Security-Policy refused. */
interface PageTrouble {
  errors: string[];
  /** Inline scripts or styles, eval... */
  blockedByPolicy: string[];
}

/** Collects into `trouble` what goes wrong in a page, from its first document on. */
function watchFor(trouble: PageTrouble) {
  return async (page: Page): Promise<void> => {
    // What the Content-Security-Policy refuses (an inline script or style, eval) is reported to the
    // page as an event, not always on the console.
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) =>
        console.warn(`Content Security Policy refused ${event.violatedDirective}: ${event.blockedURI}`),
      ),
    );
    page.on('pageerror', (error) => trouble.errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') trouble.errors.push(message.text());
      if (/Content Security Policy/i.test(message.text())) trouble.blockedByPolicy.push(message.text());
    });
  };
}

/** A flow published on `extension` whose draft has moved on since: the answer's label differs. */
async function publishedFlowWithNewerDraft(page: Page, extension: string): Promise<string> {
  const flowId = await browserApi.createFlow(page, 'Reception', answerAndHangUp());
  await browserApi.publish(page, flowId, extension);
  const { revision } = await browserApi.readFlow(page, flowId);
  await browserApi.saveDraft(page, flowId, revision, answerAndHangUp('Answer (draft)'));
  return flowId;
}

/** The page shows the editor (not a blank page): its toolbar and the flow's nodes are there. */
async function expectEditorShown(page: Page): Promise<void> {
  await page.getByTestId('node-start').waitFor({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Versions' }).waitFor({ timeout: 10_000 });
}

describe('the editor never goes blank', () => {
  const product = useProduct();
  const pages = useBrowserPages(product);

  /** An admin window whose trouble is collected from its first document on. */
  async function watchedAdminPage(): Promise<{ page: Page; trouble: PageTrouble }> {
    const trouble: PageTrouble = { errors: [], blockedByPolicy: [] };
    return { page: await pages.adminPage(watchFor(trouble)), trouble };
  }

  it('with a node selected, Versions → View shows the version, and Open the draft shows the draft, again and again', async () => {
    const { page, trouble } = await watchedAdminPage();
    const flowId = await publishedFlowWithNewerDraft(page, '7871');
    await page.goto(`${product.url}/flows/${flowId}`);
    await expectEditorShown(page);

    for (let round = 1; round <= 3; round += 1) {
      await selectNode(page, 'answer');
      await page.getByRole('button', { name: 'Versions' }).click();
      await page.getByTestId('versions-table').getByRole('link', { name: 'View' }).first().click();
      await page.waitForURL(`${product.url}/flows/${flowId}/versions/1`);
      await page
        .getByTestId('version-badge')
        .waitFor({ timeout: 10_000 })
        .catch((error: unknown) => {
          throw new Error(`no version shown; the page's errors: ${trouble.errors.join('\n')}`, {
            cause: error,
          });
        });
      await expectEditorShown(page);
      // The version's own document, not the draft that was on screen a moment before.
      expect(await page.getByTestId('node-answer').textContent()).not.toContain('Answer (draft)');
      if (round === 1) await screenshot(page, 'resilience-01-version-view');

      // The other direction: a node selected in the version, back to the draft.
      await selectNode(page, 'bye');
      await page.getByRole('link', { name: 'Open the draft' }).click();
      await page.waitForURL(`${product.url}/flows/${flowId}`);
      await page.getByTestId('save-status').waitFor({ timeout: 10_000 });
      await expectEditorShown(page);
      expect(await page.getByTestId('version-badge').count()).toBe(0);
      await expect.poll(() => page.getByTestId('node-answer').textContent()).toContain('Answer (draft)');
    }
    expect(
      trouble.errors.filter((message) => /Maximum update depth|Minified React error/.test(message)),
    ).toEqual([]);
    expect(trouble.blockedByPolicy).toEqual([]);
  });

  it('shows a message and a way back when a page cannot be shown, never a blank page', async () => {
    const { page, trouble } = await watchedAdminPage();
    // The Calls page's code cannot be loaded (the connection dropped, the server was upgraded).
    const callsPageCode = /\/assets\/CallsPage-[^/]*\.js$/;
    await page.route(callsPageCode, (route) => route.abort());
    const sections = page.getByRole('navigation', { name: 'Sections' });
    await sections.getByRole('link', { name: 'Calls', exact: true }).click();
    const message = page.getByRole('alert').filter({ hasText: 'Something went wrong showing this page.' });
    await message.waitFor({ timeout: 10_000 });
    await screenshot(page, 'resilience-02-page-error');
    // The way back: the flows, with the navigation still there.
    await message.getByRole('link', { name: 'Back to flows' }).click();
    await page.getByRole('heading', { name: 'Flows', exact: true }).waitFor();
    expect(await message.count()).toBe(0);

    // Still failing the next time; once the code can load again, Reload shows the page.
    await sections.getByRole('link', { name: 'Calls', exact: true }).click();
    await message.waitFor({ timeout: 10_000 });
    await page.unroute(callsPageCode);
    await message.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('heading', { name: 'Calls', exact: true }).waitFor({ timeout: 10_000 });
    expect(trouble.blockedByPolicy).toEqual([]);
  });
});
