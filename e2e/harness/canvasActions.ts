// What a person does on the editor's canvas, as the browser tests do it: drop, connect, select.

import type { Locator, Page } from 'playwright-core';

/** Connects an outcome port of one node to another node by dragging, as a person does. */
export async function connect(page: Page, source: string, port: string, target: string): Promise<void> {
  const from = await page.getByTestId(`port-${source}-${port}`).boundingBox();
  const to = await page.getByTestId(`node-${target}`).locator('.react-flow__handle-left').boundingBox();
  if (from === null || to === null) throw new Error(`cannot see port ${source}.${port} or node ${target}`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
  // The connection must land on the intended node, not merely exist.
  await page.getByTestId(`edge-${source}-${port}-${target}`).waitFor({ timeout: 5000 });
}

/**
 * Drags a node kind from the palette onto the canvas at a point (fractions of the canvas size): the
 * node lands centred there (the view pans if that leaves part of it outside the canvas).
 */
export async function dropNode(page: Page, kind: string, at: { x: number; y: number }): Promise<void> {
  const canvas = page.getByTestId('flow-canvas');
  const box = await canvas.boundingBox();
  if (box === null) throw new Error('the canvas is not visible');
  await page.getByTestId(`palette-${kind}`).dragTo(canvas, {
    targetPosition: { x: box.width * at.x, y: box.height * at.y },
  });
}

/** Shift+F fits the flow in view (a node can be off-screen after the view zoomed to a problem). */
export async function showWholeFlow(page: Page): Promise<void> {
  await page.getByTestId('flow-canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+F');
  await page.waitForTimeout(400);
}

/** Clicks a node (the whole flow in view first) and resolves with the inspector showing it. */
export async function selectNode(page: Page, nodeId: string): Promise<Locator> {
  await showWholeFlow(page);
  await page.getByTestId(`node-${nodeId}`).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  // The inspector names a node in words, never by its id: it carries the id for tests only.
  await inspector.locator(`[data-node-id="${nodeId}"]`).waitFor();
  return inspector;
}

/** Opens a flow in the editor and waits for its canvas. */
export async function openFlow(page: Page, baseUrl: string, flowId: string): Promise<void> {
  await page.goto(`${baseUrl}/flows/${flowId}`);
  await page.getByTestId('node-start').waitFor();
}
