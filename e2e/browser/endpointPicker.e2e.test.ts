// Choosing, not typing, against the real product and the sandbox's Asterisk in Chromium: a Dial
// node's Endpoint offers the sandbox's PJSIP endpoints (read through ARI), the chosen one is saved
// as PJSIP/<name>, and any other text (a {{variable}}) is still kept as typed.
import { flowDocument } from '@callflow/flow';
import { describe, expect, it } from 'vitest';
import { browserApi } from '../harness/browserApi.ts';
import { openFlow, selectNode } from '../harness/canvasActions.ts';
import { answered, answeredThen, flow } from '../harness/flowBuilder.ts';
import { useBrowserPages } from '../harness/useBrowserPages.ts';
import { useProduct } from '../harness/useProduct.ts';
import { screenshot } from '../lib/browser.ts';

/** Start → Answer → Dial (the starter's PJSIP/100) → Hang up on every outcome. */
const dialFlow = flow(
  [
    ...answered,
    { id: 'dial', kind: 'dial', label: 'Reception', options: { endpoint: 'PJSIP/100' } },
    { id: 'bye', kind: 'hangup' },
  ],
  [
    ...answeredThen('dial'),
    ...['answered', 'busy', 'noanswer', 'unavailable', 'failed'].map((port) => `dial.${port} -> bye`),
  ],
);

describe('the Dial endpoint picker', () => {
  const product = useProduct();
  const pages = useBrowserPages(product);

  async function savedEndpoint(flowId: string): Promise<unknown> {
    const stored = await product.harness.db.prisma.flow.findUniqueOrThrow({ where: { id: flowId } });
    const dial = flowDocument.parse(JSON.parse(stored.document)).nodes.find((node) => node.id === 'dial');
    return dial?.kind === 'dial' ? dial.options.endpoint : undefined;
  }

  it('offers the phones Asterisk has, saves the one chosen, and keeps free text', async () => {
    const page = await pages.adminPage();
    const flowId = await browserApi.createFlow(page, 'Reception phone', dialFlow);
    await openFlow(page, product.url, flowId);
    const inspector = await selectNode(page, 'dial');
    const picker = inspector.getByRole('combobox', { name: 'Endpoint' });
    await picker.focus();
    const list = inspector.getByRole('listbox', { name: 'Phones and endpoints' });
    // The sandbox's phones (pjsip.conf) and its test endpoints, as Asterisk lists them.
    const phone = list.getByRole('option', { name: /^1001\s*PJSIP · (online|offline|state unknown)$/ });
    await phone.waitFor();
    await list.getByRole('option', { name: /^callee-ring/ }).waitFor();
    await screenshot(page, 'endpoint-picker-1-list');

    await picker.fill('1002');
    const options = list.getByRole('option');
    await expect.poll(() => options.allTextContents()).toEqual([expect.stringMatching(/^1002PJSIP · /)]);
    await options.first().dispatchEvent('mousedown');
    expect(await picker.inputValue()).toBe('PJSIP/1002');
    await expect.poll(() => savedEndpoint(flowId), { timeout: 10_000 }).toBe('PJSIP/1002');
    await screenshot(page, 'endpoint-picker-2-chosen');

    await picker.fill('PJSIP/{{vars.agent}}');
    await list.getByText('None matches “PJSIP/{{vars.agent}}”: it is used as typed.').waitFor();
    await expect.poll(() => savedEndpoint(flowId), { timeout: 10_000 }).toBe('PJSIP/{{vars.agent}}');
    await screenshot(page, 'endpoint-picker-3-free-text');
  });
});
