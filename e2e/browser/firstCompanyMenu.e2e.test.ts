// A new user's first hour, in the browser only: the first login, the first page's hint and starter
// gallery, a three-level company menu made from a starter, adapted in the forms (words, keys, the
// phone to ring picked from Asterisk's list), published with no problem left, and a real call that
// walks its three levels, told as a story in the call log.
import { afterEach, describe, expect, it } from 'vitest';
import { logIn } from '../harness/logIn.ts';
import { ADMIN_PASSWORD, useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';
import { type Callee, startCallee } from '../lib/sipp/callee.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';

const EXTENSION = '7881';
const NEW_PASSWORD = 'our-company-menu-1';

describe('a new user builds a company menu alone', () => {
  const product = useProduct();
  let callee: Callee | undefined;
  afterEach(async () => {
    await callee?.stop();
    callee = undefined;
  });

  it('goes from the first login to a published three-level menu that answers a real call', async () => {
    const context = await product.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      // The first login: the admin chooses a password and lands on the first page.
      await logIn(page, product.url, 'admin', ADMIN_PASSWORD);
      await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      await page.getByLabel('Current password').fill(ADMIN_PASSWORD);
      await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('New password again').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Save password' }).click();
      await page.getByRole('heading', { name: 'Flows', exact: true }).waitFor();

      // What to do next, and the starters.
      await page.getByRole('heading', { name: 'Welcome to Callflow' }).waitFor();
      await page.getByText('Pick a starter').waitFor();
      const starter = page.getByRole('button', { name: 'Use Company menu (three levels)' });
      await starter.waitFor();
      await screenshot(page, 'walk-01-first-page');
      await starter.click();
      const nameDialog = page.getByRole('dialog');
      await nameDialog.getByLabel('Name').fill('Acme main line');
      await nameDialog.getByRole('button', { name: 'Create and open' }).click();
      await page.locator('.react-flow__node').first().waitFor();
      await page.getByText('Ready to publish').waitFor();
      await screenshot(page, 'walk-02-starter-opened');

      // Adapt the words: the main menu greets with the company's name.
      await page.locator('.react-flow__node').filter({ hasText: 'Main menu' }).first().click();
      const inspector = page.locator('.inspector');
      const greeting = inspector.getByRole('group', { name: 'Prompt 1' }).getByLabel('Text', { exact: true });
      await greeting.fill('Welcome to Acme. For sales, press 1. For support, press 2.');

      // Adapt the keys: support topics and technical topics use keys of their own.
      await page.locator('.react-flow__node').filter({ hasText: 'Support menu' }).first().click();
      await inspector.getByLabel('Choice 1').getByLabel('Digit').selectOption('3');
      await page.locator('.react-flow__node').filter({ hasText: 'Technical help menu' }).first().click();
      await inspector.getByLabel('Choice 2').getByLabel('Digit').selectOption('4');

      // The phone to ring is picked from what Asterisk has, not typed.
      await page.locator('.react-flow__node').filter({ hasText: 'Ring phone support' }).first().click();
      const phone = inspector.getByRole('combobox', { name: 'Endpoint' });
      await phone.fill('busy');
      await inspector
        .getByRole('listbox', { name: 'Phones and endpoints' })
        .getByRole('option', { name: /^callee-busy/ })
        .click();
      await expect.poll(() => phone.inputValue()).toBe('PJSIP/callee-busy');
      await expect
        .poll(() => page.getByTestId('save-status').textContent())
        .toMatch(/^(All changes saved|Saved)/);
      await screenshot(page, 'walk-03-adapted');
      await page.getByText('Ready to publish').waitFor();

      // Publish to an extension.
      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      const publish = page.getByRole('dialog');
      await publish.getByLabel('Extension').fill(EXTENSION);
      const since = new Date();
      await publish.getByRole('button', { name: 'Publish' }).click();
      await expect.poll(() => publish.getByTestId('publish-result').textContent()).toContain(EXTENSION);
      await screenshot(page, 'walk-04-published');
      await publish.getByRole('button', { name: 'Done' }).click();
      await product.harness.waitForRuntimeEvent('publish_applied', EXTENSION, since);
      await product.harness.waitForApp(EXTENSION, true);

      // A caller walks the three levels: Support (2), Technical help (3), Phones (4); the phone is busy.
      callee = await startCallee('busy');
      const callStart = new Date();
      const call = await placeCall({
        extension: EXTENSION,
        script: [
          { pauseMs: 2500 },
          { dtmf: '2' },
          { pauseMs: 2500 },
          { dtmf: '3' },
          { pauseMs: 2500 },
          { dtmf: '4' },
        ],
        expectRemoteHangup: true,
        timeoutMs: 60_000,
      });
      expect(call.ok, call.errors ?? call.stderr).toBe(true);
      const logged = await product.harness.waitForCall(EXTENSION, callStart);
      expect(logged.steps.map((step) => `${step.nodeId}:${step.port}`)).toEqual([
        'start:next',
        'answer:next',
        'main-menu:2',
        'support-menu:3',
        'technical-menu:4',
        'ring-phones:busy',
        'nobody:next',
        'nobody-hangup:ended',
      ]);

      // The call log tells it in the user's words.
      await page.getByRole('link', { name: 'Calls', exact: true }).click();
      await page.getByRole('row').filter({ hasText: EXTENSION }).first().click();
      await page.getByText('Pressed 2 → Support').waitFor();
      await page.getByText('Pressed 3 → Technical help').waitFor();
      await page.getByText('Pressed 4 → Phones').waitFor();
      await screenshot(page, 'walk-05-call-story');
    } finally {
      await context.close();
    }
  });
});
