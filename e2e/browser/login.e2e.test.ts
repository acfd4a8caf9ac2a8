import { describe, expect, it } from 'vitest';
import { logIn } from '../harness/logIn.ts';
import { useBrowserPages } from '../harness/useBrowserPages.ts';
import { ADMIN_PASSWORD, useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';

const NEW_ADMIN_PASSWORD = 'a-password-I-chose-2';

// A product of its own: the admin's first login happens here, in the browser.
describe('logging in to the real product', () => {
  const product = useProduct();
  const pages = useBrowserPages(product);

  it('logs in: a wrong password is refused, the first admin chooses a new password', async () => {
    const context = await product.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
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
    } finally {
      await context.close();
    }
    // The chosen password is the one from now on.
    await pages.pageAs('admin', NEW_ADMIN_PASSWORD);
  });
});
