import type { BrowserContext, Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { ApiSession } from './ApiSession.ts';
import { logIn } from './logIn.ts';
import { ADMIN_PASSWORD, type Product } from './useProduct.ts';

/** The password the admin chooses at its first login (done once per product, by `adminPage`). */
export const CHOSEN_ADMIN_PASSWORD = 'a-password-I-chose-2';

/** What a test does to its new page before anything is loaded in it (listeners, init scripts). */
export type BeforeLogIn = (page: Page) => Promise<void> | void;

export interface BrowserPages {
  /** A new window (a context of its own) logged in as the admin, on the flows page. */
  adminPage(beforeLogIn?: BeforeLogIn): Promise<Page>;
  /** A new window logged in as `username`, on the flows page. */
  pageAs(username: string, password: string, beforeLogIn?: BeforeLogIn): Promise<Page>;
}

/**
 * Windows for the tests of one file, each test opening its own and all closed after it, so that every
 * test runs alone as well as with the others. The admin's first-login password change is made once,
 * through the API, by the first test that asks for an admin window.
 */
export function useBrowserPages(product: Product): BrowserPages {
  const opened: BrowserContext[] = [];
  let adminReady: Promise<void> | undefined;
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((context) => context.close()));
  });

  async function pageAs(username: string, password: string, beforeLogIn?: BeforeLogIn): Promise<Page> {
    const context = await product.browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    opened.push(context);
    const page = await context.newPage();
    await beforeLogIn?.(page);
    await logIn(page, product.url, username, password);
    await page.getByRole('heading', { name: 'Flows', exact: true }).waitFor();
    return page;
  }

  async function chooseAdminPassword(): Promise<void> {
    await ApiSession.logInAsFirstAdmin(product.url, ADMIN_PASSWORD, CHOSEN_ADMIN_PASSWORD);
  }

  return {
    async adminPage(beforeLogIn) {
      adminReady ??= chooseAdminPassword();
      await adminReady;
      return pageAs('admin', CHOSEN_ADMIN_PASSWORD, beforeLogIn);
    },
    pageAs,
  };
}
