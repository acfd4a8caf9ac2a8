// Drafts against what callers hear: "Unpublished changes" and what they are, a draft with fields to
// fix kept on the server (another browser reloads it; publishing says why not), and the versions
// dialog at 1280×800. Each test opens its own windows and works on a flow of its own.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserApi } from '../harness/browserApi.ts';
import { openFlow, selectNode } from '../harness/canvasActions.ts';
import type { TestFlow } from '../harness/flowBuilder.ts';
import { useBrowserPages } from '../harness/useBrowserPages.ts';
import { useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';
import { salesAndSupport } from './salesAndSupport.ts';

/** Sales and support, with a Set variable node beside it: a required text field to clear. */
const withVariable: TestFlow = {
  ...salesAndSupport,
  nodes: [
    ...salesAndSupport.nodes,
    {
      id: 'set-1',
      kind: 'setVariable',
      label: 'Remember the team',
      position: { x: 260, y: 220 },
      options: { name: 'team', value: 'sales' },
    },
  ],
};

const saveStatus = (page: Page) => page.getByTestId('save-status').textContent();

/** Waits until the editor says everything is saved (with or without problems to fix). */
async function waitUntilSaved(page: Page, text: string): Promise<void> {
  await expect.poll(() => saveStatus(page), { timeout: 10_000 }).toBe(text);
}

describe('drafts and what is live', () => {
  const product = useProduct();
  const pages = useBrowserPages(product);

  it('says a live flow has unpublished changes and lists them, until they are published', async () => {
    const page = await pages.adminPage();
    const flowId = await browserApi.createFlow(page, 'Reception', salesAndSupport);
    await browserApi.publish(page, flowId, '7080');
    await openFlow(page, product.url, flowId);
    await page.getByText('Live on 7080 · v1').waitFor();
    await waitUntilSaved(page, 'All changes saved');
    expect(await page.getByTestId('unpublished-changes').count()).toBe(0);

    const inspector = await selectNode(page, 'play-1');
    await inspector.getByLabel('Label', { exact: true }).fill('Sales message');
    const menu = await selectNode(page, 'menu-1');
    await menu.getByLabel('Timeout (seconds)').fill('8');
    await waitUntilSaved(page, 'All changes saved');
    const toggle = page.getByRole('button', { name: 'Unpublished changes' });
    await toggle.waitFor({ timeout: 10_000 });
    await toggle.click();
    const popover = page.getByRole('dialog', { name: 'Unpublished changes' });
    expect(await popover.textContent()).toContain('Callers on extension 7080 hear version 1');
    const changes = await popover.getByRole('listitem').allTextContents();
    expect(changes).toEqual([
      'Changed “Menu: Press 1, Press 2”: Timeout (seconds)',
      'Changed “Sales message”: Label',
    ]);
    await screenshot(page, 'drafts-01-unpublished-changes');

    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish to an extension' });
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByTestId('publish-result').waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByText('Live on 7080 · v2').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('unpublished-changes').count(), { timeout: 10_000 }).toBe(0);
  });

  it('keeps a draft with a field to fix on the server: another browser reloads it, and publishing says why not', async () => {
    const page = await pages.adminPage();
    const flowId = await browserApi.createFlow(page, 'Front desk', withVariable);
    await browserApi.publish(page, flowId, '7081');
    await openFlow(page, product.url, flowId);
    const menu = await selectNode(page, 'menu-1');
    // A timeout no menu can have, and a required field cleared.
    await menu.getByLabel('Timeout (seconds)').fill('9999');
    const variable = await selectNode(page, 'set-1');
    await variable.getByLabel('Variable name').fill('');
    await waitUntilSaved(page, 'Saved · has problems to fix before publishing');
    const stored = (await browserApi.readFlow(page, flowId)).document.nodes;
    expect(stored.find((node) => node.id === 'menu-1')?.options).toMatchObject({ timeoutSeconds: 9999 });
    expect(stored.find((node) => node.id === 'set-1')?.options).toEqual({ name: '', value: 'sales' });

    // Another browser (a window of its own: nothing of the first one's storage) opens what was saved.
    const other = await pages.adminPage();
    await openFlow(other, product.url, flowId);
    const reloaded = await selectNode(other, 'menu-1');
    expect(await reloaded.getByLabel('Timeout (seconds)').inputValue()).toBe('9999');
    const reloadedVariable = await selectNode(other, 'set-1');
    expect(await reloadedVariable.getByLabel('Variable name').inputValue()).toBe('');
    await waitUntilSaved(other, 'Saved · has problems to fix before publishing');
    expect(await other.getByText('Changes you made here earlier had not been saved').count()).toBe(0);
    const publish = other.getByRole('button', { name: 'Publish', exact: true });
    expect(await publish.isDisabled()).toBe(true);
    expect(await publish.getAttribute('title')).toBe('Fix the errors in the problems panel to publish');
    await screenshot(other, 'drafts-02-invalid-draft-reloaded');

    // The server refuses it too, saying which fields.
    const refused = await browserApi.request(other, 'PUT', '/api/publications/7081', { flowId });
    expect(refused.status).toBe(422);
    const problems = (refused.body as { problems: { path: string; message: string }[] }).problems;
    expect(problems.map((problem) => problem.path)).toEqual([
      'nodes.2.options.timeoutSeconds',
      'nodes.6.options.name',
    ]);
    expect(problems[0]?.message).toMatch(/Timeout/);
    expect(problems[1]?.message).toMatch(/Variable name/);
    await other.getByText('Live on 7081 · v1').waitFor();
  });

  it('shows the versions on one line each at 1280×800', async () => {
    const page = await pages.adminPage();
    const flowId = await browserApi.createFlow(page, 'Support line', salesAndSupport);
    for (const [extension, note] of [
      ['7082', 'First cut'],
      ['7082', 'Support gets its own message, and a longer note to see how a note wraps in its column'],
      ['7083', ''],
    ] as const) {
      const answer = await browserApi.request(page, 'PUT', `/api/publications/${extension}`, {
        flowId,
        note,
      });
      expect(answer.status).toBe(200);
    }
    await openFlow(page, product.url, flowId);
    await page.getByRole('button', { name: 'Versions' }).click();
    const table = page.getByTestId('versions-table');
    await table.waitFor();
    await screenshot(page, 'drafts-03-versions');
    const lineHeight = async (locator: ReturnType<Page['locator']>) =>
      (await locator.boundingBox())?.height ?? 0;
    for (const header of await table.locator('th').all()) expect(await lineHeight(header)).toBeLessThan(44);
    for (const made of await table.locator('time').all()) {
      expect(await lineHeight(made)).toBeLessThan(24);
      expect(await made.textContent()).toMatch(/\d{4}/);
    }
    // An extension is rolled back to older versions only: 7082 runs v2, so v3 is no roll-back for it.
    expect(await table.getByRole('button', { name: /^Roll/ }).allTextContents()).toEqual([
      'Roll 7083 back to v2',
      'Roll 7082 back to v1',
      'Roll 7083 back to v1',
    ]);
    // Every action of a row on one line: View, Export and the roll-back buttons side by side.
    const rows = await table.locator('tbody tr').all();
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const buttons = await row.locator('.versions__actions > *').all();
      const tops = new Set<number>();
      for (const button of buttons) tops.add(Math.round((await button.boundingBox())?.y ?? 0));
      expect(tops.size).toBe(1);
    }
  });
});
