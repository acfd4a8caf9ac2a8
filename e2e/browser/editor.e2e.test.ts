import { readFileSync } from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../support/browser.ts';
import { placeCall } from '../support/sipp.ts';

const EXTENSION = '7801';
const NEW_ADMIN_PASSWORD = 'a-password-I-chose-2';
const VIEWER_PASSWORD = 'viewer-password-3';

/** Connects an outcome port of one node to another node by dragging, as a person does. */
async function connect(page: Page, source: string, port: string, target: string): Promise<void> {
  const from = await page.getByTestId(`port-${source}-${port}`).boundingBox();
  const to = await page.getByTestId(`node-${target}`).locator('.react-flow__handle-left').boundingBox();
  if (from === null || to === null) throw new Error(`cannot see port ${source}.${port} or node ${target}`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
  // The connection must land on the intended node, not merely exist.
  await page
    .locator(`.react-flow__edge[aria-label="${source} ${port} to ${target}"]`)
    .waitFor({ timeout: 5000 });
}

/** Drags a node kind from the palette onto the canvas at a point (fractions of the canvas size). */
async function dropNode(page: Page, kind: string, at: { x: number; y: number }): Promise<void> {
  const canvas = page.getByTestId('flow-canvas');
  const box = await canvas.boundingBox();
  if (box === null) throw new Error('the canvas is not visible');
  await page.getByTestId(`palette-${kind}`).dragTo(canvas, {
    targetPosition: { x: box.width * at.x, y: box.height * at.y },
  });
}

async function selectNode(page: Page, nodeId: string): Promise<Locator> {
  await page.getByTestId(`node-${nodeId}`).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByText(nodeId, { exact: true }).first().waitFor();
  return inspector;
}

async function logIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

describe('the browser editor against the real product', () => {
  const product = useProduct();
  let context: BrowserContext;
  let page: Page;
  let flowUrl = '';

  beforeAll(async () => {
    context = await product.browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context.close();
  });

  it('logs in: a wrong password is refused, the first admin chooses a new password', async () => {
    await logIn(page, product.url, 'admin', 'not-the-password');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong username or password');
    await screenshot(page, '01-login-refused');

    await logIn(page, product.url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('Current password').fill(ADMIN_PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill(NEW_ADMIN_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_ADMIN_PASSWORD);
    await screenshot(page, '02-change-password');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByRole('heading', { name: 'Flows', exact: true }).waitFor();
    await page.getByText('No flows yet').waitFor();
    await screenshot(page, '03-flows-empty');
  });

  it('builds "press 1 for sales, 2 for support, timeout: goodbye" by drag and drop', async () => {
    await page.getByRole('button', { name: 'New flow' }).first().click();
    await page.getByRole('dialog').getByLabel('Name').fill('Sales and support');
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await page.getByTestId('node-start').waitFor();
    flowUrl = page.url();
    await screenshot(page, '04-editor-new-flow');

    // Spread over the canvas, clear of the minimap in the bottom right corner.
    // In three columns (nodes are 200 px wide), around Start in the middle, clear of the minimap.
    await dropNode(page, 'answer', { x: 0.03, y: 0.05 });
    await dropNode(page, 'menu', { x: 0.36, y: 0.05 });
    await dropNode(page, 'play', { x: 0.69, y: 0.05 });
    await dropNode(page, 'play', { x: 0.69, y: 0.38 });
    await dropNode(page, 'play', { x: 0.36, y: 0.75 });
    for (const id of ['answer-1', 'menu-1', 'play-1', 'play-2', 'play-3'])
      await page.getByTestId(`node-${id}`).waitFor();

    // The menu gets a second choice; the plays get names people recognise.
    let inspector = await selectNode(page, 'menu-1');
    await inspector.getByRole('button', { name: /add.*choice/i }).click();
    await expect.poll(() => page.getByTestId('port-menu-1-2').count()).toBe(1);
    for (const [id, label] of [
      ['play-1', 'Sales'],
      ['play-2', 'Support'],
      ['play-3', 'Goodbye'],
    ] as const) {
      inspector = await selectNode(page, id);
      await inspector.getByLabel('Label', { exact: true }).fill(label);
      await expect.poll(() => page.getByTestId(`node-${id}`).textContent()).toContain(label);
    }

    await connect(page, 'start', 'next', 'answer-1');
    await connect(page, 'answer-1', 'next', 'menu-1');
    await connect(page, 'menu-1', '1', 'play-1');
    await connect(page, 'menu-1', '2', 'play-2');
    await connect(page, 'menu-1', 'timeout', 'play-3');
    await page.getByRole('button', { name: 'Arrange' }).click();
    await expect
      .poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 })
      .toBe('All changes saved');
    await screenshot(page, '05-editor-ivr-built');

    const saved = (
      await product.harness.db.prisma.flow.findFirstOrThrow({ where: { name: 'Sales and support' } })
    ).document;
    const edges = (JSON.parse(saved) as { edges: { source: string; port: string; target: string }[] }).edges
      .map((edge) => `${edge.source}.${edge.port}->${edge.target}`)
      .sort();
    expect(edges).toEqual(
      [
        'start.next->answer-1',
        'answer-1.next->menu-1',
        'menu-1.1->play-1',
        'menu-1.2->play-2',
        'menu-1.timeout->play-3',
      ].sort(),
    );
  });

  it('shows problems on the node and in the panel, and blocks publishing while errors remain', async () => {
    const inspector = await selectNode(page, 'menu-1');
    const timeout = inspector.getByLabel('Timeout (seconds)');
    await timeout.fill('500');
    await page.locator('[data-testid="node-menu-1"][data-state="error"]').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);
    await screenshot(page, '06-editor-problem');
    await page.getByTestId('problems-list').getByRole('button').filter({ hasText: 'menu-1' }).first().click();
    await timeout.fill('5');
    // Left: the warning that "invalid" is not connected (the call hangs up there), which does not block.
    await page.locator('[data-testid="node-menu-1"][data-state="warning"]').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(false);
  });

  it('publishes to an extension, takes a real call that presses 2, and shows its path on the canvas', async () => {
    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Extension').fill(EXTENSION);
    await dialog.getByText(`Nothing answers ${EXTENSION} now.`).waitFor();
    await dialog.getByLabel('Note').fill('first version from the browser');
    await screenshot(page, '07-publish-dialog');
    const since = new Date();
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await expect
      .poll(() => dialog.getByTestId('publish-result').textContent())
      .toContain(`extension ${EXTENSION}`);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await product.harness.waitForRuntimeEvent('publish_applied', EXTENSION, since);
    await product.harness.waitForApp(EXTENSION, true);

    const callStart = new Date();
    const call = await placeCall({
      extension: EXTENSION,
      script: [{ pauseMs: 1500 }, { dtmf: '2' }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await product.harness.waitForCall(EXTENSION, callStart);
    expect(logged.steps.map((step) => `${step.nodeId}:${step.port}`)).toEqual([
      'start:next',
      'answer-1:next',
      'menu-1:2',
      'play-2:next',
    ]);

    await page.getByRole('link', { name: 'Calls' }).click();
    const row = page.getByRole('row').filter({ hasText: EXTENSION }).first();
    await row.waitFor();
    await screenshot(page, '08-calls-list');
    await row.click();
    await page.getByRole('link', { name: /show on canvas/i }).waitFor();
    await screenshot(page, '09-call-detail');
    await page.getByRole('link', { name: /show on canvas/i }).click();

    await page.getByTestId('version-badge').waitFor();
    for (const id of ['start', 'answer-1', 'menu-1', 'play-2'])
      await page.getByTestId(`node-trace-${id}`).waitFor();
    expect(await page.getByTestId('node-trace-play-1').count()).toBe(0);
    expect(await page.getByTestId('node-trace-play-3').count()).toBe(0);
    expect(await page.locator('.flow-edge--traced').count()).toBe(3);
    await screenshot(page, '10-call-path-on-canvas');
  });

  it('exports the flow, imports it as a new flow, and the two are the same', async () => {
    await page.goto(flowUrl);
    await page.getByTestId('node-start').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export' }).click(),
    ]);
    const path = await download.path();
    const exported = JSON.parse(readFileSync(path, 'utf8')) as {
      format: string;
      name: string;
      document: unknown;
    };
    expect(exported.format).toBe('callflow.flow');
    expect(exported.name).toBe('Sales and support');

    await page.getByRole('link', { name: 'Flows', exact: true }).click();
    await page.getByTestId('import-input').setInputFiles({
      name: 'sales-and-support.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(exported)),
    });
    await page.waitForURL(
      (url) => url.pathname !== new URL(flowUrl).pathname && url.pathname.startsWith('/flows/'),
    );
    await page.getByTestId('node-menu-1').waitFor();
    await screenshot(page, '11-imported-flow');
    const importedId = new URL(page.url()).pathname.split('/')[2] ?? '';
    const [original, imported] = await Promise.all([
      product.harness.db.prisma.flow.findFirstOrThrow({
        where: { id: new URL(flowUrl).pathname.split('/')[2] ?? '' },
      }),
      product.harness.db.prisma.flow.findFirstOrThrow({ where: { id: importedId } }),
    ]);
    expect(imported.id).not.toBe(original.id);
    expect(imported.name).toBe(original.name);
    expect(JSON.parse(imported.document)).toEqual(JSON.parse(original.document));
  });

  it('gives a viewer a read-only canvas', async () => {
    const created = await page.evaluate(async (password) => {
      const response = await fetch('/api/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'vera', password, role: 'viewer', mustChangePassword: false }),
      });
      return response.status;
    }, VIEWER_PASSWORD);
    expect(created).toBe(201);

    const viewerContext = await product.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const viewer = await viewerContext.newPage();
      await logIn(viewer, product.url, 'vera', VIEWER_PASSWORD);
      await viewer.getByRole('heading', { name: 'Flows', exact: true }).waitFor();
      expect(await viewer.getByRole('button', { name: 'New flow' }).count()).toBe(0);
      await viewer.goto(flowUrl);
      await viewer.getByTestId('node-menu-1').waitFor();
      await viewer.getByText('Read-only: your role is viewer').waitFor();
      expect(await viewer.getByRole('complementary', { name: 'Node palette' }).count()).toBe(0);
      expect(await viewer.getByRole('button', { name: 'Publish' }).count()).toBe(0);

      // Dragging a node moves the view (the canvas pans) but never the node relative to the others.
      const node = viewer.getByTestId('node-menu-1');
      const offsetFromStart = async () => {
        const [menu, start] = await Promise.all([
          node.boundingBox(),
          viewer.getByTestId('node-start').boundingBox(),
        ]);
        if (menu === null || start === null) throw new Error('nodes not visible');
        return { x: menu.x - start.x, y: menu.y - start.y };
      };
      const before = await offsetFromStart();
      const box = await node.boundingBox();
      if (box === null) throw new Error('menu node not visible');
      await viewer.mouse.move(box.x + 60, box.y + 10);
      await viewer.mouse.down();
      await viewer.mouse.move(box.x + 160, box.y + 80, { steps: 8 });
      await viewer.mouse.up();
      expect(await offsetFromStart()).toEqual(before);

      await node.click();
      const inspector = viewer.getByRole('complementary', { name: 'Inspector' });
      await expect.poll(() => inspector.getByLabel('Timeout (seconds)').isDisabled()).toBe(true);
      await screenshot(viewer, '12-viewer-read-only');
      const saveAttempt = await viewer.evaluate(
        async () =>
          (
            await fetch('/api/flows', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{"name":"x"}',
            })
          ).status,
      );
      expect(saveAttempt).toBe(403);
    } finally {
      await viewerContext.close();
    }
  });
});
