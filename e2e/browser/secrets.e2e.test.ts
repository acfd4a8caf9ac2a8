// Each test opens its own window and starts from the secrets it needs (stored through the API), so
// each runs alone as well as with the others.
import { randomBytes } from 'node:crypto';
import { decryptSecret, SecretsKey } from '@callflow/db';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { browserApi } from '../harness/browserApi.ts';
import { useBrowserPages } from '../harness/useBrowserPages.ts';
import { SECRETS_KEY, useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';

const EDITOR_PASSWORD = 'secrets-editor-password-3';
/** Distinctive values, so that finding one anywhere on the page is certain. */
const CRM_TOKEN = `crm-token-${randomBytes(12).toString('hex')}`;
const NEW_CRM_TOKEN = `crm-token-new-${randomBytes(12).toString('hex')}`;
const WEATHER_KEY = `weather-key-${randomBytes(12).toString('hex')}`;
const VALUES = [CRM_TOKEN, NEW_CRM_TOKEN, WEATHER_KEY];

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
  const pages = useBrowserPages(product);
  /** Every answer of the API the test's pages received, to search for values. */
  const answers: Promise<string>[] = [];
  afterEach(async () => {
    const received = (await Promise.all(answers.splice(0))).join('\n');
    for (const value of VALUES) expect(received, 'an answer the browser received').not.toContain(value);
  });

  /** Keeps every API answer `page` receives (a live stream never ends: its text would never arrive). */
  function keepAnswers(page: Page): void {
    page.on('response', (response) => {
      const live = response.headers()['content-type']?.includes('event-stream') ?? false;
      if (new URL(response.url()).pathname.startsWith('/api/') && !live)
        answers.push(response.text().catch(() => ''));
    });
  }

  /**
   * An admin window on the Secrets page, opened from the navigation, once `secrets` (name: value and
   * description) are stored through the API as another admin would have.
   */
  async function secretsPage(secrets: Record<string, [string, string]> = {}): Promise<Page> {
    const page = await pages.adminPage(keepAnswers);
    for (const [name, [value, description]] of Object.entries(secrets)) {
      const stored = await browserApi.request(page, 'PUT', `/api/secrets/${name}`, { value, description });
      expect([200, 201], `storing ${name}`).toContain(stored.status);
    }
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Secrets' }).click();
    await page.getByRole('heading', { name: 'Secrets', exact: true }).waitFor();
    return page;
  }

  it('an admin opens Secrets from the navigation and sees that there are none yet', async () => {
    const page = await secretsPage();
    await page.getByText('No secrets yet').waitFor();
    await screenshot(page, 'secrets-01-empty');
  });

  it('refuses a bad name in the create form, saying why, and stores nothing', async () => {
    const page = await secretsPage();
    const storedBefore = await product.harness.db.prisma.secret.count();
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
    expect(await product.harness.db.prisma.secret.count()).toBe(storedBefore);
    // What the person typed is still there to correct.
    expect(await value.inputValue()).toBe(CRM_TOKEN);
  });

  it('creates a secret and lists it with no value anywhere on the page', async () => {
    const page = await secretsPage();
    await page.getByRole('button', { name: 'New secret' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('crm_token');
    await dialog.getByLabel('Description').fill('CRM API token');
    await dialog.getByLabel('Value', { exact: true }).fill(CRM_TOKEN);
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
    const page = await secretsPage({ crm_token: [CRM_TOKEN, 'CRM API token'] });
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
    const page = await secretsPage({
      crm_token: [NEW_CRM_TOKEN, 'CRM API token'],
      weather_key: [WEATHER_KEY, 'Weather service key'],
    });
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

  it('never sends a value back to the browser', async () => {
    // Every test's answers are searched after it (afterEach); here the list of names must have come.
    const page = await secretsPage({ weather_key: [WEATHER_KEY, 'Weather service key'] });
    await page.getByTestId('secrets-table').getByText('{{secrets.weather_key}}').waitFor();
    expect((await Promise.all(answers)).join('\n')).toContain('weather_key');
  });

  it('shows an editor no Secrets link, and a clear message at /secrets', async () => {
    const admin = await secretsPage({ weather_key: [WEATHER_KEY, 'Weather service key'] });
    expect(await browserApi.createUser(admin, 'eddie', EDITOR_PASSWORD, 'editor')).toBe(201);
    const editor = await pages.pageAs('eddie', EDITOR_PASSWORD, keepAnswers);
    const navigation = editor.getByRole('navigation', { name: 'Sections' });
    await navigation.getByRole('link', { name: 'Calls' }).waitFor();
    expect(await navigation.getByRole('link', { name: 'Secrets' }).count()).toBe(0);
    await editor.goto(`${product.url}/secrets`);
    await editor.getByText('Only admins manage secrets').waitFor();
    expect(await everythingOnThePage(editor)).not.toContain(WEATHER_KEY);
    await screenshot(editor, 'secrets-04-editor-not-allowed');
  });
});
