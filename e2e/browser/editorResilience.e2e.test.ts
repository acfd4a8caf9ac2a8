import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logInAsFirstAdmin } from '../harness/logInAsFirstAdmin.ts';
import { ADMIN_PASSWORD, useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';

const NEW_ADMIN_PASSWORD = 'resilience-password-2';

/** A small published flow made through the API the editor itself uses. */
async function createPublishedFlow(page: Page, extension: string): Promise<string> {
  return page.evaluate(async (ext) => {
    const created = await fetch('/api/flows', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Reception',
        document: {
          schemaVersion: 1,
          nodes: [
            { id: 'start', kind: 'start', options: {}, position: { x: 0, y: 0 } },
            { id: 'answer', kind: 'answer', options: {}, position: { x: 260, y: 0 } },
            { id: 'bye', kind: 'hangup', options: {}, position: { x: 520, y: 0 } },
          ],
          edges: [
            { id: 'e1', source: 'start', port: 'next', target: 'answer' },
            { id: 'e2', source: 'answer', port: 'next', target: 'bye' },
          ],
        },
      }),
    });
    if (created.status !== 201) throw new Error(`creating the flow answered ${created.status}`);
    const { id } = (await created.json()) as { id: string };
    const published = await fetch(`/api/publications/${ext}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ flowId: id }),
    });
    if (published.status !== 200) throw new Error(`publishing answered ${published.status}`);
    // The draft moves on after publishing: the version and the draft differ in one label.
    const draft = (await (await fetch(`/api/flows/${id}`)).json()) as {
      revision: number;
      document: { nodes: { id: string; label?: string }[] };
    };
    for (const node of draft.document.nodes) if (node.id === 'answer') node.label = 'Answer (draft)';
    const saved = await fetch(`/api/flows/${id}/draft`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ revision: draft.revision, document: draft.document }),
    });
    if (saved.status !== 200) throw new Error(`saving the draft answered ${saved.status}`);
    return id;
  }, extension);
}

async function selectNode(page: Page, nodeId: string): Promise<void> {
  await page.getByTestId(`node-${nodeId}`).click();
  await page
    .getByRole('complementary', { name: 'Inspector' })
    .getByText(nodeId, { exact: true })
    .first()
    .waitFor();
}

/** The page shows the editor (not a blank page): its toolbar and the flow's nodes are there. */
async function expectEditorShown(page: Page): Promise<void> {
  await page.getByTestId('node-start').waitFor({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Versions' }).waitFor({ timeout: 10_000 });
}

describe('the editor never goes blank', () => {
  const product = useProduct();
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  /** What the browser refused under the API's Content-Security-Policy (inline scripts or styles...). */
  const blockedByPolicy: string[] = [];

  beforeAll(async () => {
    context = await product.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    // What the Content-Security-Policy refuses (an inline script or style, eval) is reported to the
    // page as an event, not always on the console.
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) =>
        console.warn(`Content Security Policy refused ${event.violatedDirective}: ${event.blockedURI}`),
      ),
    );
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
      if (/Content Security Policy/i.test(message.text())) blockedByPolicy.push(message.text());
    });
    await logInAsFirstAdmin(page, product.url, ADMIN_PASSWORD, NEW_ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await context.close();
  });

  it('with a node selected, Versions → View shows the version, and Open the draft shows the draft, again and again', async () => {
    const flowId = await createPublishedFlow(page, '7871');
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
          throw new Error(`no version shown; the page's errors: ${pageErrors.join('\n')}`, { cause: error });
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
    expect(pageErrors.filter((message) => /Maximum update depth|Minified React error/.test(message))).toEqual(
      [],
    );
    expect(blockedByPolicy).toEqual([]);
  });

  it('shows a message and a way back when a page cannot be shown, never a blank page', async () => {
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
    expect(blockedByPolicy).toEqual([]);
  });
});
