// Each test opens its own window and works on a flow of its own, so each runs alone as well.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserApi } from '../harness/browserApi.ts';
import { useBrowserPages } from '../harness/useBrowserPages.ts';
import { useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';
import { answerAndHangUp } from './answerAndHangUp.ts';

const RESTORED_NOTICE = 'Changes you made here earlier had not been saved';

/** The answer node's label in the draft the server holds. */
async function savedAnswerLabel(page: Page, flowId: string): Promise<string | undefined> {
  return (await browserApi.readFlow(page, flowId)).document.nodes.find((node) => node.id === 'answer')?.label;
}

/** Leaving with unsaved changes makes the browser ask; the person leaves anyway. */
function leaveAnyway(page: Page): Page {
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

async function openFlow(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('node-answer').waitFor({ timeout: 10_000 });
  await page.getByTestId('save-status').waitFor({ timeout: 10_000 });
}

/** Selects the answer node and types a new label into the inspector. */
async function relabelAnswer(page: Page, label: string): Promise<void> {
  await page.getByTestId('node-answer').click();
  const field = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Label');
  await field.fill(label);
}

describe('unsaved changes kept in the browser', () => {
  const product = useProduct();
  const pages = useBrowserPages(product);

  it('puts back a change the server failed to save when the flow is opened again, and saves it once kept', async () => {
    const page = leaveAnyway(await pages.adminPage());
    const flowId = await browserApi.createFlow(page, 'Front desk', answerAndHangUp('Pick up'));
    const flowUrl = `${product.url}/flows/${flowId}`;
    await openFlow(page, flowUrl);

    const failingSaves = `${product.url}/api/flows/${flowId}/draft`;
    await page.route(failingSaves, (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'internal', message: 'The database is not answering.' }),
      }),
    );
    await relabelAnswer(page, 'Greet the caller');
    await expect
      .poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 })
      .toBe('Not saved');
    await page.unroute(failingSaves);

    await openFlow(page, flowUrl);
    const notice = page.getByRole('status').filter({ hasText: RESTORED_NOTICE });
    await notice.waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('node-answer').textContent()).toContain('Greet the caller');
    expect(await page.getByTestId('save-status').textContent()).toBe('Unsaved changes');
    await screenshot(page, 'draft-restore-01-changes-put-back');

    await notice.getByRole('button', { name: 'Keep' }).click();
    await expect
      .poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 })
      .toBe('All changes saved');
    expect(await savedAnswerLabel(page, flowId)).toBe('Greet the caller');
    expect(await notice.count()).toBe(0);

    // Saved: the next visit has nothing to put back.
    await openFlow(page, flowUrl);
    expect(await page.getByText(RESTORED_NOTICE).count()).toBe(0);
  });

  it('keeps a change made just before the tab was closed, and forgets it when discarded', async () => {
    const page = leaveAnyway(await pages.adminPage());
    const flowId = await browserApi.createFlow(page, 'Night line', answerAndHangUp('Pick up'));
    const flowUrl = `${product.url}/flows/${flowId}`;
    const tab = leaveAnyway(await page.context().newPage());
    await openFlow(tab, flowUrl);
    await relabelAnswer(tab, 'Closed for the night');
    // Closed at once, before the editor's quiet time ends and its save starts.
    await tab.close({ runBeforeUnload: true });
    await expect.poll(() => tab.isClosed()).toBe(true);
    expect(await savedAnswerLabel(page, flowId)).toBe('Pick up');

    await openFlow(page, flowUrl);
    const notice = page.getByRole('status').filter({ hasText: RESTORED_NOTICE });
    await notice.waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('node-answer').textContent()).toContain('Closed for the night');

    await notice.getByRole('button', { name: 'Discard them' }).click();
    await expect
      .poll(() => page.getByTestId('node-answer').textContent(), { timeout: 10_000 })
      .toContain('Pick up');
    expect(await page.getByText(RESTORED_NOTICE).count()).toBe(0);
    expect(await savedAnswerLabel(page, flowId)).toBe('Pick up');

    await openFlow(page, flowUrl);
    expect(await page.getByText(RESTORED_NOTICE).count()).toBe(0);
    expect(await page.getByTestId('node-answer').textContent()).toContain('Pick up');
  });
});
