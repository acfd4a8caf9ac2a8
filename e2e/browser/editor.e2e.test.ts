import { readFileSync } from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn } from '../harness/logIn.ts';
import { ADMIN_PASSWORD, useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';

const EXTENSION = '7861';
const VOICEMAIL_EXTENSION = '7862';
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
  await showWholeFlow(page);
  await page.getByTestId(`node-${nodeId}`).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByText(nodeId, { exact: true }).first().waitFor();
  return inspector;
}

/** Shift+F fits the flow in view (a node can be off-screen after the view zoomed to a problem). */
async function showWholeFlow(page: Page): Promise<void> {
  await page.getByTestId('flow-canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+F');
  await page.waitForTimeout(400);
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
    const savedEdges = async () => {
      const saved = await product.harness.db.prisma.flow.findFirstOrThrow({
        where: { name: 'Sales and support' },
      });
      return (
        JSON.parse(saved.document) as { edges: { source: string; port: string; target: string }[] }
      ).edges
        .map((edge) => `${edge.source}.${edge.port}->${edge.target}`)
        .sort();
    };
    // Saved automatically: there is no save button to press.
    await expect
      .poll(savedEdges, { timeout: 10_000 })
      .toEqual(
        [
          'start.next->answer-1',
          'answer-1.next->menu-1',
          'menu-1.1->play-1',
          'menu-1.2->play-2',
          'menu-1.timeout->play-3',
        ].sort(),
      );
    await expect
      .poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 })
      .toBe('All changes saved');
    await screenshot(page, '05-editor-ivr-built');
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

  it('copies, pastes, deletes, undoes and redoes with the keyboard', async () => {
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
    const storedFlow = () =>
      product.harness.db.prisma.flow.findFirstOrThrow({ where: { name: 'Sales and support' } });
    /** Waits until a browser's autosave has reached the database. */
    const savedAfter = async (revision: number) => {
      await expect
        .poll(async () => (await storedFlow()).revision, { timeout: 10_000 })
        .toBeGreaterThan(revision);
      return storedFlow();
    };
    const other = await product.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const theirs = await other.newPage();
      await logIn(theirs, product.url, 'admin', NEW_ADMIN_PASSWORD);
      await theirs.getByRole('heading', { name: 'Flows', exact: true }).waitFor();
      await theirs.goto(flowUrl);
      let before = (await storedFlow()).revision;
      await (await selectNode(theirs, 'play-3'))
        .getByLabel('Label', { exact: true })
        .fill('Goodbye from them');
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
      before = (await storedFlow()).revision;
      await (await selectNode(theirs, 'play-2'))
        .getByLabel('Label', { exact: true })
        .fill('Support from them');
      await savedAfter(before);
      before = (await storedFlow()).revision;
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
    } finally {
      await other.close();
    }
  });

  it('publishes to an extension, takes a real call that presses 2, and shows its path on the canvas', async () => {
    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Extension').fill(EXTENSION);
    await dialog.getByText(`Nothing answers ${EXTENSION} now.`).waitFor();
    await dialog.getByLabel('Note').fill('first version from the browser');
    await screenshot(page, '08-publish-dialog');
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

    await page.getByRole('link', { name: 'Calls', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: EXTENSION }).first();
    await row.waitFor();
    await screenshot(page, '09-calls-list');
    await row.click();
    await page.getByRole('link', { name: /show on canvas/i }).waitFor();
    await screenshot(page, '10-call-detail');
    await page.getByRole('link', { name: /show on canvas/i }).click();

    await page.getByTestId('version-badge').waitFor();
    for (const id of ['start', 'answer-1', 'menu-1', 'play-2'])
      await page.getByTestId(`node-trace-${id}`).waitFor();
    expect(await page.getByTestId('node-trace-play-1').count()).toBe(0);
    expect(await page.getByTestId('node-trace-play-3').count()).toBe(0);
    expect(await page.locator('.flow-edge--traced').count()).toBe(3);
    await screenshot(page, '11-call-path-on-canvas');
  });

  it('follows a live call on the canvas while it waits in the menu', async () => {
    const since = new Date();
    // The caller stays in the menu for 9 s before pressing 1.
    const call = placeCall({
      extension: EXTENSION,
      script: [{ pauseMs: 9000 }, { dtmf: '1' }],
      expectRemoteHangup: true,
    });
    try {
      await page.getByRole('link', { name: 'Calls', exact: true }).click();
      const liveRow = page.getByRole('row').filter({ hasText: 'Live' }).first();
      await liveRow.waitFor({ timeout: 5000 });
      await liveRow.click();
      await page.getByRole('link', { name: /show on canvas/i }).click();
      await page.locator('[data-testid="node-menu-1"][data-current="true"]').waitFor({ timeout: 5000 });
      await page
        .getByTestId('trace-badge')
        .getByText(/Following live call/)
        .waitFor();
      await screenshot(page, '12-live-call-on-canvas');
    } finally {
      expect((await call).ok).toBe(true);
    }
    const logged = await product.harness.waitForCall(EXTENSION, since);
    expect(logged.steps.map((step) => `${step.nodeId}:${step.port}`)).toContain('menu-1:1');
    // When the call ends, the highlight settles on the path it took.
    await page.getByTestId('node-trace-play-1').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('[data-current="true"]').count(), { timeout: 10_000 }).toBe(0);
  });

  it('plays a recording a call made, in the browser', async () => {
    const flowId = await page.evaluate(async () => {
      const response = await fetch('/api/flows', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Voicemail',
          document: {
            schemaVersion: 1,
            nodes: [
              { id: 'start', kind: 'start', options: {} },
              { id: 'answer', kind: 'answer', options: {} },
              {
                id: 'voicemail',
                kind: 'record',
                options: { maxDurationSeconds: 3, maxSilenceSeconds: 0, beep: false },
              },
              { id: 'bye', kind: 'hangup', options: {} },
            ],
            edges: [
              { id: 'e1', source: 'start', port: 'next', target: 'answer' },
              { id: 'e2', source: 'answer', port: 'next', target: 'voicemail' },
              { id: 'e3', source: 'voicemail', port: 'next', target: 'bye' },
            ],
          },
        }),
      });
      return ((await response.json()) as { id: string }).id;
    });
    const since = new Date();
    const published = await page.evaluate(
      async ({ id, extension }) =>
        (
          await fetch(`/api/publications/${extension}`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ flowId: id }),
          })
        ).status,
      { id: flowId, extension: VOICEMAIL_EXTENSION },
    );
    expect(published).toBe(200);
    await product.harness.waitForRuntimeEvent('publish_applied', VOICEMAIL_EXTENSION, since);
    await product.harness.waitForApp(VOICEMAIL_EXTENSION, true);
    const call = await placeCall({
      extension: VOICEMAIL_EXTENSION,
      script: [{ pauseMs: 300 }, { audioMs: 4000 }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    await product.harness.waitForCall(VOICEMAIL_EXTENSION, since);

    await page.getByRole('link', { name: 'Calls', exact: true }).click();
    await page.getByRole('row').filter({ hasText: VOICEMAIL_EXTENSION }).first().click();
    const player = page.locator('audio').first();
    await player.waitFor();
    // The browser fetches the recording through the API and decodes it: it knows how long it is.
    const duration = await player.evaluate(
      (audio: HTMLAudioElement) =>
        new Promise<number>((resolve, reject) => {
          audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true });
          audio.addEventListener('error', () => reject(new Error(`audio error ${audio.error?.code}`)), {
            once: true,
          });
          audio.preload = 'metadata';
          audio.load();
        }),
    );
    expect(duration).toBeGreaterThan(1);
    expect(duration).toBeLessThan(5);
    await screenshot(page, '13-call-recording');
  });

  it('shows the runtime’s own events: the publish it picked up', async () => {
    await page.getByRole('link', { name: 'Runtime', exact: true }).click();
    await page
      .getByRole('row')
      .filter({ hasText: 'publish_applied' })
      .filter({ hasText: EXTENSION })
      .first()
      .waitFor();
    await page.getByText('Connected', { exact: true }).first().waitFor();
    await screenshot(page, '13b-runtime-events');
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
    await screenshot(page, '14-imported-flow');
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
      await screenshot(viewer, '15-viewer-read-only');
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
