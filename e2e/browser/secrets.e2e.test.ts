import { randomBytes } from 'node:crypto';
import { decryptSecret, SecretsKey } from '@callflow/db';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn } from '../harness/logIn.ts';
import { logInAsFirstAdmin } from '../harness/logInAsFirstAdmin.ts';
import { ADMIN_PASSWORD, SECRETS_KEY, useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';

const NEW_ADMIN_PASSWORD = 'secrets-admin-password-2';
const EDITOR_PASSWORD = 'secrets-editor-password-3';
/** Distinctive values, so that finding one anywhere on the page is certain. */
const CRM_TOKEN = `crm-token-${randomBytes(12).toString('hex')}`;
const NEW_CRM_TOKEN = `crm-token-new-${randomBytes(12).toString('hex')}`;
const WEATHER_KEY = `weather-key-${randomBytes(12).toString('hex')}`;

/** Everything a person or a script on the page could read: text, markup, field values, storage. */
async function everythingOnThePage(page: Page): Promise<string> {
  return page.evaluate(() =>
    JSON.stringify({
      text: document.body.textContent,
      html: document.documentElement.outerHTML,
      values: Array.from(document.querySelectorAll('input, textarea, select')).map(
        (field) => (field as HTMLInputElement).value,
      ),
      local: { ...localStorage },
      session: { ...sessionStorage },
    }),
  );
}

/** The value the store holds for a name, decrypted with the product's key. */
async function storedValue(product: ReturnType<typeof useProduct>, name: string): Promise<string | null> {
  const row = await product.harness.db.prisma.secret.findUnique({ where: { name } });
  return row === null ? null : decryptSecret(SecretsKey.fromText(SECRETS_KEY, 'the e2e key'), name, row);
}

describe('the Secrets page in the browser', () => {
  const product = useProduct();
  let context: BrowserContext;
  let page: Page;
  /** Every answer of the API the page received, to search for values. */
  const answers: Promise<string>[] = [];

  beforeAll(async () => {
    context = await product.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('response', (response) => {
      // A live stream (text/event-stream) never ends: its text would never arrive.
      const live = response.headers()['content-type']?.includes('event-stream') ?? false;
      if (new URL(response.url()).pathname.startsWith('/api/') && !live)
        answers.push(response.text().catch(() => ''));
    });
    await logInAsFirstAdmin(page, product.url, ADMIN_PASSWORD, NEW_ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await context.close();
  });

  it('an admin opens Secrets from the navigation and sees that there are none yet', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Secrets' }).click();
    await page.getByRole('heading', { name: 'Secrets', exact: true }).waitFor();
    await page.getByText('No secrets yet').waitFor();
    await screenshot(page, 'secrets-01-empty');
  });

  it('refuses a bad name in the create form, saying why, and stores nothing', async () => {
    await page.getByRole('button', { name: 'New secret' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('crm token');
    await dialog.getByLabel('Description').fill('CRM API token');
    const value = dialog.getByLabel('Value', { exact: true });
    expect(await value.getAttribute('type')).toBe('password');
    await value.fill(CRM_TOKEN);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByText(/letters, digits and _ only/).waitFor();
    await screenshot(page, 'secrets-02-create-validation-error');
    expect(await product.harness.db.prisma.secret.count()).toBe(0);
    // What the person typed is still there to correct.
    expect(await value.inputValue()).toBe(CRM_TOKEN);
  });

  it('creates a secret and lists it with no value anywhere on the page', async () => {
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('crm_token');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    const table = page.getByTestId('secrets-table');
    await table.getByText('{{secrets.crm_token}}').waitFor();
    await table.getByText('CRM API token').waitFor();
    expect(await storedValue(product, 'crm_token')).toBe(CRM_TOKEN);
    expect(await everythingOnThePage(page)).not.toContain(CRM_TOKEN);

    await page.getByRole('button', { name: 'New secret' }).click();
    await dialog.getByLabel('Name').fill('weather_key');
    await dialog.getByLabel('Description').fill('Weather service key');
    await dialog.getByLabel('Value', { exact: true }).fill(WEATHER_KEY);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    await table.getByText('{{secrets.weather_key}}').waitFor();
    const onPage = await everythingOnThePage(page);
    expect(onPage).not.toContain(CRM_TOKEN);
    expect(onPage).not.toContain(WEATHER_KEY);
    await screenshot(page, 'secrets-03-two-secrets');
  });

  it('replaces a value without ever showing the old or the new one', async () => {
    await page.getByRole('button', { name: 'Change crm_token' }).click();
    const dialog = page.getByRole('dialog');
    const value = dialog.getByLabel('New value');
    expect(await value.getAttribute('type')).toBe('password');
    expect(await value.inputValue()).toBe('');
    await value.fill(NEW_CRM_TOKEN);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText('Saved the new value of crm_token').waitFor();
    expect(await storedValue(product, 'crm_token')).toBe(NEW_CRM_TOKEN);
    // The description was kept.
    await page.getByTestId('secrets-table').getByText('CRM API token').waitFor();
    const onPage = await everythingOnThePage(page);
    expect(onPage).not.toContain(CRM_TOKEN);
    expect(onPage).not.toContain(NEW_CRM_TOKEN);
  });

  it('deletes a secret after asking', async () => {
    await page.getByRole('button', { name: 'Delete crm_token' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/take the error outcome/).waitFor();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText('Deleted crm_token').waitFor();
    await expect
      .poll(() => page.getByTestId('secrets-table').getByText('{{secrets.crm_token}}').count())
      .toBe(0);
    expect(await storedValue(product, 'crm_token')).toBeNull();
    expect(await storedValue(product, 'weather_key')).toBe(WEATHER_KEY);
  });

  it('never sent a value back to the browser', async () => {
    const received = (await Promise.all(answers)).join('\n');
    expect(received).toContain('weather_key');
    for (const value of [CRM_TOKEN, NEW_CRM_TOKEN, WEATHER_KEY]) expect(received).not.toContain(value);
  });

  it('shows an editor no Secrets link, and a clear message at /secrets', async () => {
    const created = await page.evaluate(async (password) => {
      const response = await fetch('/api/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'eddie', password, role: 'editor', mustChangePassword: false }),
      });
      return response.status;
    }, EDITOR_PASSWORD);
    expect(created).toBe(201);
    const editorContext = await product.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const editor = await editorContext.newPage();
      await logIn(editor, product.url, 'eddie', EDITOR_PASSWORD);
      await editor.getByRole('heading', { name: 'Flows', exact: true }).waitFor();
      const navigation = editor.getByRole('navigation', { name: 'Sections' });
      await navigation.getByRole('link', { name: 'Calls' }).waitFor();
      expect(await navigation.getByRole('link', { name: 'Secrets' }).count()).toBe(0);
      await editor.goto(`${product.url}/secrets`);
      await editor.getByText('Only admins manage secrets').waitFor();
      expect(await everythingOnThePage(editor)).not.toContain(WEATHER_KEY);
      await screenshot(editor, 'secrets-04-editor-not-allowed');
    } finally {
      await editorContext.close();
    }
  });
});
