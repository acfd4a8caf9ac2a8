// Node help in the browser editor: a kind's help opened from the palette, and from a problem about a
// node (whose row names the node in words and selects it), at 1280×800.
import { nodeKinds } from '@callflow/flow';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserApi } from '../harness/browserApi.ts';
import { openFlow } from '../harness/canvasActions.ts';
import { useBrowserPages } from '../harness/useBrowserPages.ts';
import { useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';
import { salesAndSupport } from './salesAndSupport.ts';

/** Sales and support with its menu named, and its choices too; its wrong key leads nowhere: a problem. */
const helpFlow = {
  ...salesAndSupport,
  nodes: salesAndSupport.nodes.map((node) =>
    node.id === 'menu-1'
      ? {
          ...node,
          label: 'Main menu',
          options: {
            ...node.options,
            choices: [
              { digit: '1', label: 'Sales' },
              { digit: '2', label: 'Support' },
            ],
          },
        }
      : node,
  ),
};

/** The open help dialog, once its title shows. */
async function openHelp(page: Page, title: string): Promise<Locator> {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('heading', { name: `Help: ${title}` }).waitFor();
  return dialog;
}

const outcomeNames = (dialog: Locator) =>
  dialog.getByRole('region', { name: 'Outcomes' }).getByRole('term').allTextContents();

/** The dialog fits the 1280×800 window: nothing to scroll to read it. */
async function expectInWindow(dialog: Locator): Promise<void> {
  const box = await dialog.boundingBox();
  if (box === null) throw new Error('the help is not visible');
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(800);
  expect(await dialog.evaluate((element) => element.scrollHeight <= element.clientHeight + 1)).toBe(true);
}

describe('node help in the browser editor', () => {
  const product = useProduct();
  const pages = useBrowserPages(product);

  it("opens a kind's help from the palette, without adding a node", async () => {
    const page = await pages.adminPage();
    await openFlow(page, product.url, await browserApi.createFlow(page, 'Help from the palette', helpFlow));
    await page.getByTestId('palette-help-menu').click();
    const dialog = await openHelp(page, 'Menu');
    expect(await dialog.getByRole('region', { name: 'What it does' }).textContent()).toContain(
      nodeKinds.menu.help.does,
    );
    expect(await outcomeNames(dialog)).toEqual(['Each choice', 'No key pressed', 'Wrong key']);
    expect(await dialog.getByRole('region', { name: 'Example' }).textContent()).toContain(
      nodeKinds.menu.help.example,
    );
    await expectInWindow(dialog);
    await screenshot(page, 'node-help-palette');

    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('.react-flow__node').count()).toBe(helpFlow.nodes.length);
  });

  it("opens the help of a problem's node, and selects the node from the problem", async () => {
    const page = await pages.adminPage();
    await openFlow(page, product.url, await browserApi.createFlow(page, 'Help from a problem', helpFlow));
    const problems = page.getByTestId('problems-list');
    const menuProblem = problems
      .getByRole('listitem')
      .filter({ has: page.locator('[data-node-id="menu-1"]') });
    await menuProblem.first().waitFor();
    // The node by its name, never its id.
    expect(await menuProblem.first().locator('.problems__name').textContent()).toBe('Main menu');
    expect(await problems.textContent()).not.toContain('menu-1');

    await menuProblem.first().getByRole('button', { name: 'Help' }).click();
    const dialog = await openHelp(page, 'Menu');
    // Opened for this menu: its own outcomes, by the names on the canvas.
    expect(await outcomeNames(dialog)).toEqual(['Sales', 'Support', 'No key pressed', 'Wrong key']);
    await dialog.getByText('This node: Main menu').waitFor();
    await expectInWindow(dialog);
    await screenshot(page, 'node-help-problem');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    await menuProblem.first().locator('button[data-node-id="menu-1"]').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.locator('[data-node-id="menu-1"]').waitFor();
    await inspector.getByRole('heading', { name: 'Menu' }).waitFor();
    expect(await inspector.locator('.inspector__name').textContent()).toBe('Main menu');
    expect(await inspector.textContent()).not.toContain('menu-1');
    await screenshot(page, 'node-help-inspector');

    await inspector.getByTestId('inspector-help').click();
    expect(await outcomeNames(await openHelp(page, 'Menu'))).toEqual([
      'Sales',
      'Support',
      'No key pressed',
      'Wrong key',
    ]);
  });
});
