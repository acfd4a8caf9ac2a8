import type { Page } from 'playwright-core';
import { logIn } from './logIn.ts';

/**
 * The first login of `admin` with the password the product was started with: it must choose its
 * own (`chosenPassword`) before anything else; resolves on the flows page.
 */
export async function logInAsFirstAdmin(
  page: Page,
  url: string,
  firstPassword: string,
  chosenPassword: string,
): Promise<void> {
  await logIn(page, url, 'admin', firstPassword);
  await page.getByLabel('Current password').fill(firstPassword);
  await page.getByLabel('New password', { exact: true }).fill(chosenPassword);
  await page.getByLabel('New password again').fill(chosenPassword);
  await page.getByRole('button', { name: 'Save password' }).click();
  await page.getByRole('heading', { name: 'Flows', exact: true }).waitFor();
}
