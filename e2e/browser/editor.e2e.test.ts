// The browser editor against the real product. Every test opens its own window and works on a flow
// of its own, so each runs alone (`vitest run browser/editor.e2e.test.ts -t '<name>'`) as well as with
// the others.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { browserApi } from '../harness/browserApi.ts';
import { connect, dropNode, openFlow, selectNode } from '../harness/canvasActions.ts';
import { useBrowserPages } from '../harness/useBrowserPages.ts';
import { useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';
import { salesAndSupport } from './salesAndSupport.ts';

const VIEWER_PASSWORD = 'viewer-password-3';

describe('the browser editor against the real product', () => {
  const product = useProduct();
  const pages = useBrowserPages(product);
  const storedFlow = (id: string) => product.harness.db.prisma.flow.findUniqueOrThrow({ where: { id } });

  it('builds "press 1 for sales, 2 for support, timeout: goodbye" by drag and drop', async () => {
    const page = await pages.adminPage();
    await page.getByRole('button', { name: 'New flow' }).first().click();
    await page.getByRole('dialog').getByLabel('Name').fill('Sales and support');
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await page.getByTestId('node-start').waitFor();
    const flowId = new URL(page.url()).pathname.split('/')[2] ?? '';
    await screenshot(page, '04-editor-new-flow');

    // In three columns (nodes are 200 px wide, dropped centred on the pointer), around Start in the
    // middle, clear of the minimap in the bottom right corner.
    await dropNode(page, 'answer', { x: 0.16, y: 0.14 });
    await dropNode(page, 'menu', { x: 0.49, y: 0.14 });
    await dropNode(page, 'play', { x: 0.82, y: 0.14 });
    await dropNode(page, 'play', { x: 0.82, y: 0.47 });
    await dropNode(page, 'play', { x: 0.49, y: 0.8 });
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
    const savedEdges = async () =>
      (
        JSON.parse((await storedFlow(flowId)).document) as {
          edges: { source: string; port: string; target: string }[];
        }
      ).edges
        .map((edge) => `${edge.source}.${edge.port}->${edge.target}`)
        .sort();
    // Saved automatically: there is no save button to press.
    await expect.poll(savedEdges, { timeout: 10_000 }).toEqual(
      [
        ...salesAndSupport.edges.map((edge) => `${edge.source}.${edge.port}->${edge.target}`),
        // A new flow comes with Start's On error path: sorry, then hang up.
        'start.error->sorry',
        'sorry.next->sorry-hangup',
      ].sort(),
    );
    await expect
      .poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 })
      .toBe('All changes saved');
    await screenshot(page, '05-editor-ivr-built');
  });

  it('shows problems on the node and in the panel, and blocks publishing while errors remain', async () => {
    const page = await pages.adminPage();
    await openFlow(page, product.url, await browserApi.createFlow(page, 'Problems', salesAndSupport));
    const inspector = await selectNode(page, 'menu-1');
    const timeout = inspector.getByLabel('Timeout (seconds)');
    await timeout.fill('500');
    await page.locator('[data-testid="node-menu-1"][data-state="error"]').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);
    await screenshot(page, '06-editor-problem');
    // Problems name the node in words; the row carries its id for tests.
    await page.getByTestId('problems-list').locator('button[data-node-id="menu-1"]').first().click();
    await timeout.fill('5');
    // Left: the warning that "invalid" is not connected (the call hangs up there), which does not block.
    await page.locator('[data-testid="node-menu-1"][data-state="warning"]').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(false);
  });

  it('copies, pastes, deletes, undoes and redoes with the keyboard', async () => {
    const page = await pages.adminPage();
    await openFlow(page, product.url, await browserApi.createFlow(page, 'Keyboard', salesAndSupport));
    await selectNode(page, 'play-3');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await page.getByTestId('node-play-4').waitFor();
    await page.keyboard.press('Delete');
    await page.getByTestId('node-play-4').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+z');
    await page.getByTestId('node-play-4').waitFor();
    await page.keyboard.press('Control+Shift+z');
    await page.getByTestId('node-play-4').waitFor({ state: 'detached' });
    // Start is where calls enter: Delete leaves it.
    await selectNode(page, 'start');
    await page.keyboard.press('Delete');
    expect(await page.getByTestId('node-start').count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 })
      .toBe('All changes saved');
  });

  it('shows a conflict with another person’s edit as a choice, and loses nothing silently', async () => {
    const page = await pages.adminPage();
    const flowId = await browserApi.createFlow(page, 'Conflict', salesAndSupport);
    await openFlow(page, product.url, flowId);
    /** Waits until a browser's autosave has reached the database. */
    const savedAfter = async (revision: number) => {
      await expect
        .poll(async () => (await storedFlow(flowId)).revision, { timeout: 10_000 })
        .toBeGreaterThan(revision);
      return storedFlow(flowId);
    };
    const theirs = await pages.adminPage();
    await openFlow(theirs, product.url, flowId);
    let before = (await storedFlow(flowId)).revision;
    await (await selectNode(theirs, 'play-3')).getByLabel('Label', { exact: true }).fill('Goodbye from them');
    await savedAfter(before);

    // This page still has the older revision: its next save is refused and the person chooses.
    await (await selectNode(page, 'play-1')).getByLabel('Label', { exact: true }).fill('Sales team');
    await page.getByText('Someone else saved this flow').waitFor();
    await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('Not saved: conflict');
    await screenshot(page, '07-edit-conflict');
    await page.getByRole('button', { name: 'Load their version' }).click();
    await expect.poll(() => page.getByTestId('node-play-3').textContent()).toContain('Goodbye from them');
    expect(await page.getByTestId('node-play-1').textContent()).not.toContain('Sales team');

    // The other way: keep this page's change over theirs.
    before = (await storedFlow(flowId)).revision;
    await (await selectNode(theirs, 'play-2')).getByLabel('Label', { exact: true }).fill('Support from them');
    await savedAfter(before);
    before = (await storedFlow(flowId)).revision;
    await (await selectNode(page, 'play-3')).getByLabel('Label', { exact: true }).fill('Goodbye');
    await page.getByText('Someone else saved this flow').waitFor();
    await page.getByRole('button', { name: 'Keep mine (overwrite)' }).click();
    const stored = await savedAfter(before);
    const labels = (JSON.parse(stored.document) as { nodes: { id: string; label: string }[] }).nodes
      .filter((node) => node.id.startsWith('play-'))
      .map((node) => `${node.id}=${node.label}`);
    // Overwriting keeps this page's whole draft: their "Support from them" gives way to it.
    expect(labels).toEqual(['play-1=Sales', 'play-2=Support', 'play-3=Goodbye']);
    await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('All changes saved');
  });

  it('exports the flow, imports it as a new flow, and the two are the same', async () => {
    const page = await pages.adminPage();
    const flowId = await browserApi.createFlow(page, 'Sales and support', salesAndSupport);
    await openFlow(page, product.url, flowId);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export' }).click(),
    ]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
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
    // Its name is taken (by the flow it came from): keep both, the copy numbered.
    await page.getByRole('dialog').getByRole('button', { name: 'Import as “Sales and support (2)”' }).click();
    await page.waitForURL((url) => url.pathname !== `/flows/${flowId}` && url.pathname.startsWith('/flows/'));
    await page.getByTestId('node-menu-1').waitFor();
    await screenshot(page, '14-imported-flow');
    const importedId = new URL(page.url()).pathname.split('/')[2] ?? '';
    const [original, imported] = await Promise.all([storedFlow(flowId), storedFlow(importedId)]);
    expect(imported.id).not.toBe(original.id);
    expect(imported.name).toBe(`${original.name} (2)`);
    expect(JSON.parse(imported.document)).toEqual(JSON.parse(original.document));
  });

  it('gives a viewer a read-only canvas', async () => {
    const page = await pages.adminPage();
    const flowId = await browserApi.createFlow(page, 'Read only', salesAndSupport);
    expect(await browserApi.createUser(page, 'vera', VIEWER_PASSWORD, 'viewer')).toBe(201);

    const viewer = await pages.pageAs('vera', VIEWER_PASSWORD);
    expect(await viewer.getByRole('button', { name: 'New flow' }).count()).toBe(0);
    await viewer.goto(`${product.url}/flows/${flowId}`);
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
    await screenshot(viewer, '15-viewer-read-only');
    const saveAttempt = await browserApi.request(viewer, 'POST', '/api/flows', { name: 'x' });
    expect(saveAttempt.status).toBe(403);
  });
});
