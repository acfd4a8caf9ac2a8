import { starterFlows } from '@callflow/flow';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserApi } from '../harness/browserApi.ts';
import { useBrowserPages } from '../harness/useBrowserPages.ts';
import { useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';

const businessHours = starterFlows.find((starter) => starter.id === 'business-hours');

/** The same page at the two sizes people look at: a laptop and a desktop screen. */
async function screenshots(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-1280x800`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, `${name}-1920x1080`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** A flow file as Callflow exports it. */
function flowFile(name: string) {
  return { format: 'callflow.flow', schemaVersion: 1, name, document: businessHours?.document };
}

// A product of its own: the first test needs a catalog without flows.
describe('the first page: what to do next, starters, import', () => {
  const product = useProduct();
  const pages = useBrowserPages(product);

  it('tells a new user what Callflow does and creates a flow from a starter, ready to adapt', async () => {
    const page = await pages.adminPage();
    await page.getByRole('heading', { name: 'Welcome to Callflow' }).waitFor();
    await page.getByText('Pick a starter').waitFor();
    for (const starter of starterFlows)
      expect(await page.getByRole('button', { name: `Use ${starter.title}` }).isVisible()).toBe(true);
    await screenshots(page, 'first-page-empty');

    await page.getByRole('button', { name: 'Use Business hours menu' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel('Name').inputValue()).toBe('Business hours menu');
    await dialog.getByRole('button', { name: 'Create and open' }).click();
    await page.getByTestId('node-menu').waitFor();
    await page.getByText('Ready to publish').waitFor();
    const flowId = new URL(page.url()).pathname.split('/')[2] ?? '';
    const stored = await product.harness.db.prisma.flow.findUniqueOrThrow({ where: { id: flowId } });
    expect(stored.name).toBe('Business hours menu');
    expect(JSON.parse(stored.document)).toEqual(JSON.parse(JSON.stringify(businessHours?.document)));
    await screenshots(page, 'first-page-starter-opened');
  });

  it('keeps the starters one click away once flows exist, and says what each row button does', async () => {
    const page = await pages.adminPage();
    await browserApi.request(page, 'POST', '/api/flows', {
      name: 'Front desk',
      document: businessHours?.document,
    });
    await page.reload();
    const row = page.getByRole('row').filter({ hasText: 'Front desk' });
    await row.waitFor();
    expect(await row.getByRole('link', { name: 'Edit flow Front desk' }).isVisible()).toBe(true);
    expect(await row.getByRole('button', { name: 'Rename', exact: true }).getAttribute('title')).toBe(
      'Rename “Front desk”',
    );
    await screenshots(page, 'first-page-with-flows');

    await page.getByRole('button', { name: 'New from starter' }).click();
    const gallery = page.getByRole('dialog');
    await gallery.getByRole('heading', { name: 'New flow from a starter' }).waitFor();
    await screenshots(page, 'first-page-gallery');
    await gallery.getByRole('button', { name: 'Use Company menu (three levels)' }).click();
    const naming = page.getByRole('dialog');
    expect(await naming.getByLabel('Name').inputValue()).toBe('Company menu (three levels)');
    await naming.getByRole('button', { name: 'Create and open' }).click();
    await page.getByTestId('node-technical-menu').waitFor();
    await page.getByText('Ready to publish').waitFor();
  });

  it('asks before importing a file whose flow name is taken, and imports it as “Name (2)”', async () => {
    const page = await pages.adminPage();
    await browserApi.request(page, 'POST', '/api/flows', {
      name: 'Reception',
      document: businessHours?.document,
    });
    await page.reload();
    await page.getByRole('row').filter({ hasText: 'Reception' }).waitFor();
    const upload = {
      name: 'reception.callflow.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(flowFile('Reception'))),
    };
    await page.getByTestId('import-input').setInputFiles(upload);
    const question = page.getByRole('dialog');
    await question.getByRole('heading', { name: 'A flow named “Reception” already exists' }).waitFor();
    await screenshots(page, 'first-page-import-name-taken');

    await question.getByRole('button', { name: 'Cancel' }).click();
    expect(await product.harness.db.prisma.flow.count({ where: { name: { startsWith: 'Reception' } } })).toBe(
      1,
    );

    await page.getByTestId('import-input').setInputFiles(upload);
    await page.getByRole('dialog').getByRole('button', { name: 'Import as “Reception (2)”' }).click();
    await page.waitForURL((url) => /^\/flows\/[^/]+$/.test(url.pathname));
    await page.getByTestId('node-menu').waitFor();
    const importedId = new URL(page.url()).pathname.split('/')[2] ?? '';
    const imported = await product.harness.db.prisma.flow.findUniqueOrThrow({ where: { id: importedId } });
    expect(imported.name).toBe('Reception (2)');
  });
});
