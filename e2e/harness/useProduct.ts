import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from '../lib/browser.ts';
import { ariEnvironment } from '../lib/processes.ts';
import { ensureSandbox, REPO_ROOT, sandboxEnvironment } from '../lib/sandbox.ts';
import type { CallflowHarness } from './CallflowHarness.ts';
import { type ProductApi, startProductApi } from './startProductApi.ts';
import { useCallflow } from './useCallflow.ts';

export const EDITOR_DIST = `${REPO_ROOT}apps/editor/dist`;
export const ADMIN_PASSWORD = 'e2e-admin-password-1';
/** The credentials store's key, given to the API and the runtime (`npm start` always has one). */
export const SECRETS_KEY = randomBytes(32).toString('base64');

export interface Product {
  readonly harness: CallflowHarness;
  /** The product's address: the API serving the built editor, as `npm start` runs it. */
  readonly url: string;
  readonly browser: Browser;
}

/**
 * The whole product for browser tests: the sandbox Asterisk, the runtime (a child process), the API
 * serving the built editor, and a headless Chromium.
 */
export function useProduct(): Product {
  const harness = useCallflow({ CALLFLOW_SECRETS_KEY: SECRETS_KEY });
  let api: ProductApi | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!existsSync(`${EDITOR_DIST}/index.html`))
      throw new Error(
        `the editor is not built: run npm run -w @callflow/editor build (looked in ${EDITOR_DIST})`,
      );
    api = await startProductApi(harness.db, {
      EDITOR_DIR: EDITOR_DIST,
      CALLFLOW_ADMIN_PASSWORD: ADMIN_PASSWORD,
      CALLFLOW_SECRETS_KEY: SECRETS_KEY,
      ...ariEnvironment(await ensureSandbox()),
      // Where the sandbox's stock sounds are, for the sound picker's texts, lengths and previews.
      ...sandboxEnvironment(),
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });
  return {
    harness,
    get url() {
      return api?.url ?? '';
    },
    get browser() {
      if (browser === undefined) throw new Error('the browser has not started');
      return browser;
    },
  };
}
