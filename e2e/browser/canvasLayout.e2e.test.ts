// The canvas as a person meets it at 1280×800: where a dropped node lands, connecting near the edge,
// panels that fold away, names on cards and ports, and a fit view that keeps text readable. Each test
// opens its own window and flow, so each runs alone as well.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserApi } from '../harness/browserApi.ts';
import { connect, dropNode, openFlow } from '../harness/canvasActions.ts';
import { flow, say, sound } from '../harness/flowBuilder.ts';
import { useBrowserPages } from '../harness/useBrowserPages.ts';
import { useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(page: Page, testId: string): Promise<Box> {
  const box = await page.getByTestId(testId).boundingBox();
  if (box === null) throw new Error(`${testId} is not visible`);
  return box;
}

/** The canvas's zoom, read from React Flow's viewport transform. */
async function zoomOf(page: Page): Promise<number> {
  const transform = await page.locator('.react-flow__viewport').getAttribute('style');
  const match = /scale\(([\d.]+)\)/.exec(transform ?? '');
  if (match === null) throw new Error(`no zoom in the viewport's style: ${transform}`);
  return Number(match[1]);
}

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

/** A company menu: 1 Sales, 2 Support, 3 Billing, no key pressed: goodbye. */
const companyMenu = flow(
  [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
    { id: 'answer-1', kind: 'answer', position: { x: 300, y: 0 } },
    {
      id: 'menu-1',
      kind: 'menu',
      position: { x: 600, y: 0 },
      options: {
        prompts: [say('Press 1 for sales, 2 for support, 3 for billing.')],
        choices: [
          { digit: '1', label: 'Sales' },
          { digit: '2', label: 'Support' },
          { digit: '3', label: 'Billing' },
        ],
      },
    },
    // Placed crossing on purpose (Billing on top, Sales at the bottom): Arrange must untangle them.
    ...['Billing', 'Support', 'Sales', 'Goodbye'].map((label, index) => ({
      id: label.toLowerCase(),
      kind: 'play',
      label,
      position: { x: 900, y: index * 160 },
      options: { prompts: [sound('hello-world')] },
    })),
    { id: 'hangup-1', kind: 'hangup', position: { x: 1200, y: 200 } },
  ],
  [
    'start.next -> answer-1',
    'answer-1.next -> menu-1',
    'menu-1.1 -> sales',
    'menu-1.2 -> support',
    'menu-1.3 -> billing',
    'menu-1.timeout -> goodbye',
    'sales.next -> hangup-1',
    'support.next -> hangup-1',
    'billing.next -> hangup-1',
    'goodbye.next -> hangup-1',
  ],
);

describe('the canvas at 1280×800', () => {
  const product = useProduct();
  const pages = useBrowserPages(product);

  it('drops a node centred on the pointer, and near the right edge pans so all of it is seen', async () => {
    const page = await pages.adminPage();
    const short = flow([{ id: 'start', kind: 'start' }], []);
    await openFlow(page, product.url, await browserApi.createFlow(page, 'Dropping', short));
    const canvas = await boxOf(page, 'flow-canvas');

    await dropNode(page, 'answer', { x: 0.3, y: 0.78 });
    const middle = await boxOf(page, 'node-answer-1');
    const pointer = { x: canvas.x + canvas.width * 0.3, y: canvas.y + canvas.height * 0.78 };
    expect(Math.abs(middle.x + middle.width / 2 - pointer.x)).toBeLessThan(6);
    expect(Math.abs(middle.y + middle.height / 2 - pointer.y)).toBeLessThan(12);

    // Right at the edge beside the inspector: half of it would be outside the canvas.
    await dropNode(page, 'play', { x: 0.98, y: 0.3 });
    await page.getByTestId('node-play-1').waitFor();
    await page.waitForTimeout(400);
    expect(inside(await boxOf(page, 'node-play-1'), canvas)).toBe(true);
    await screenshot(page, 'canvas-01-dropped-near-the-edge');
  });

  it('connects to a node right at the canvas edge: the canvas does not scroll away under the pointer', async () => {
    const page = await pages.adminPage();
    const twoSteps = flow(
      [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
        { id: 'answer-1', kind: 'answer', position: { x: 320, y: 0 } },
        { id: 'hangup-1', kind: 'hangup', position: { x: 640, y: 0 } },
      ],
      ['start.next -> answer-1'],
    );
    await openFlow(page, product.url, await browserApi.createFlow(page, 'Edge', twoSteps));
    const canvas = await boxOf(page, 'flow-canvas');
    // Drag the empty canvas (below the nodes) so Hang up's input sits 20 px from the right edge.
    const target = page.getByTestId('node-hangup-1').locator('.react-flow__handle-left');
    const handle = await target.boundingBox();
    const start = await boxOf(page, 'node-start');
    if (handle === null) throw new Error('Hang up has no input handle on screen');
    const shift = canvas.x + canvas.width - 20 - (handle.x + handle.width / 2);
    const grip = { x: start.x + 20, y: start.y + start.height + 120 };
    await page.mouse.move(grip.x, grip.y);
    await page.mouse.down();
    await page.mouse.move(grip.x + shift, grip.y, { steps: 10 });
    await page.mouse.up();
    const moved = await target.boundingBox();
    expect(moved === null ? Number.NaN : canvas.x + canvas.width - (moved.x + moved.width / 2)).toBeLessThan(
      30,
    );

    await connect(page, 'answer-1', 'next', 'hangup-1');
    await screenshot(page, 'canvas-02-connected-at-the-edge');
  });

  it('folds the palette, the settings and the problems away, and the canvas gets the room', async () => {
    const page = await pages.adminPage();
    await openFlow(page, product.url, await browserApi.createFlow(page, 'Panels', companyMenu));
    const before = await boxOf(page, 'flow-canvas');
    await screenshot(page, 'canvas-03-panels-open');

    await page.getByRole('button', { name: 'Hide nodes' }).click();
    await page.getByRole('button', { name: 'Hide settings' }).click();
    await page.getByRole('button', { name: 'Hide problems' }).click();
    const after = await boxOf(page, 'flow-canvas');
    expect(after.width).toBeGreaterThan(before.width + 400);
    expect(after.width).toBeGreaterThan(1280 - 2 * 40);
    expect(after.height).toBeGreaterThanOrEqual(before.height);
    expect(await page.getByRole('complementary', { name: 'Node palette' }).count()).toBe(0);
    await screenshot(page, 'canvas-04-panels-folded');

    // Remembered in this browser, and shown again with one click each.
    await page.reload();
    await page.getByTestId('node-start').waitFor();
    expect((await boxOf(page, 'flow-canvas')).width).toBeCloseTo(after.width, -1);
    await page.getByRole('button', { name: 'Show nodes' }).click();
    await page.getByRole('complementary', { name: 'Node palette' }).waitFor();
    await page.getByRole('button', { name: 'Show settings' }).click();
    await page.getByRole('complementary', { name: 'Inspector' }).waitFor();
  });

  it('names cards and a menu’s outcomes in words, and Arrange keeps 1, 2, 3 in order', async () => {
    const page = await pages.adminPage();
    await openFlow(page, product.url, await browserApi.createFlow(page, 'Names', companyMenu));
    const ports = page.getByTestId('node-menu-1').locator('.flow-node__port');
    expect(await ports.allTextContents()).toEqual([
      'Sales',
      'Support',
      'Billing',
      'No key pressed',
      'Wrong key',
    ]);
    for (const id of ['answer-1', 'menu-1', 'hangup-1', 'start'])
      expect(await page.getByTestId(`node-${id}`).textContent()).not.toContain(id);

    await page.getByRole('button', { name: 'Arrange' }).click();
    await page.waitForTimeout(800);
    const centre = async (id: string) => {
      const box = await boxOf(page, `node-${id}`);
      return box.y + box.height / 2;
    };
    const order = [
      await centre('sales'),
      await centre('support'),
      await centre('billing'),
      await centre('goodbye'),
    ];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(await zoomOf(page)).toBeGreaterThanOrEqual(0.6);
    await screenshot(page, 'canvas-05-arranged-menu');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByRole('button', { name: 'Fit view' }).click();
    await page.waitForTimeout(500);
    await screenshot(page, 'canvas-06-arranged-menu-1920');
  });

  it('opens and fits a big flow at a readable zoom, with Start in view, and has one Fit view button', async () => {
    const page = await pages.adminPage();
    const plays = Array.from({ length: 30 }, (_, index) => ({
      id: `play-${index + 1}`,
      kind: 'play',
      position: { x: 300 * (index + 1), y: (index % 3) * 150 },
      options: { prompts: [sound('hello-world')] },
    }));
    const long = flow(
      [{ id: 'start', kind: 'start', position: { x: 0, y: 0 } }, ...plays],
      [
        'start.next -> play-1',
        ...plays.slice(1).map((play, index) => `play-${index + 1}.next -> ${play.id}`),
      ],
    );
    await openFlow(page, product.url, await browserApi.createFlow(page, 'Long', long));
    expect(await zoomOf(page)).toBeGreaterThanOrEqual(0.6);
    expect(inside(await boxOf(page, 'node-start'), await boxOf(page, 'flow-canvas'))).toBe(true);
    expect(await page.getByRole('button', { name: /fit view/i }).count()).toBe(1);
    await page.getByRole('button', { name: 'Fit view' }).click();
    await page.waitForTimeout(500);
    expect(await zoomOf(page)).toBeGreaterThanOrEqual(0.6);
    await screenshot(page, 'canvas-07-long-flow-readable');
  });
});
