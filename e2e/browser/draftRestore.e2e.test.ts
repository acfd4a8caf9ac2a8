import { flowDetail } from '@callflow/contract';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logInAsFirstAdmin } from '../harness/logInAsFirstAdmin.ts';
import { ADMIN_PASSWORD, useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';

const NEW_ADMIN_PASSWORD = 'draft-restore-password-2';
const RESTORED_NOTICE = 'Changes you made here earlier had not been saved';

/** A flow of three nodes made through the API the editor itself uses; returns its id. */
async function createFlow(page: Page, name: string): Promise<string> {
  const answer = await page.evaluate(async (flowName): Promise<{ status: number; body: unknown }> => {
    const created = await fetch('/api/flows', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: flowName,
        document: {
          schemaVersion: 1,
          nodes: [
            { id: 'start', kind: 'start', options: {}, position: { x: 0, y: 0 } },
            { id: 'answer', kind: 'answer', label: 'Pick up', options: {}, position: { x: 260, y: 0 } },
            { id: 'bye', kind: 'hangup', options: {}, position: { x: 520, y: 0 } },
          ],
          edges: [
            { id: 'e1', source: 'start', port: 'next', target: 'answer' },
            { id: 'e2', source: 'answer', port: 'next', target: 'bye' },
          ],
        },
      }),
    });
    return { status: created.status, body: await created.json() };
  }, name);
  if (answer.status !== 201) throw new Error(`creating the flow answered ${answer.status}`);
  return flowDetail.parse(answer.body).id;
}

/** The answer node's label in the draft the server holds. */
async function savedAnswerLabel(page: Page, flowId: string): Promise<string | undefined> {
  const body = await page.evaluate(
    async (id): Promise<unknown> => (await fetch(`/api/flows/${encodeURIComponent(id)}`)).json(),
    flowId,
  );
  return flowDetail.parse(body).document.nodes.find((node) => node.id === 'answer')?.label;
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
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await product.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    // Leaving with unsaved changes makes the browser ask; the person leaves anyway.
    context.on('page', (opened) => opened.on('dialog', (dialog) => void dialog.accept()));
    page.on('dialog', (dialog) => void dialog.accept());
    await logInAsFirstAdmin(page, product.url, ADMIN_PASSWORD, NEW_ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await context.close();
  });

  it('puts back a change the server failed to save when the flow is opened again, and saves it once kept', async () => {
    const flowId = await createFlow(page, 'Front desk');
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
    const flowId = await createFlow(page, 'Night line');
    const flowUrl = `${product.url}/flows/${flowId}`;
    const tab = await context.newPage();
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
