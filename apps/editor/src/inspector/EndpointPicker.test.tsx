import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { draftNode, renderInspector } from './renderInspector.tsx';

afterEach(() => vi.unstubAllGlobals());

const endpoint = (resource: string, state: 'online' | 'offline' | 'unknown', technology = 'PJSIP') => ({
  technology,
  resource,
  dialString: `${technology}/${resource}`,
  state,
  servers: ['pbx-a'],
});

/** The inspector of a Dial node, GET /api/asterisk/endpoints answering `answer` (or failing with a status). */
function dialInspector(answer: unknown, endpointValue = 'PJSIP/100') {
  return renderInspector(draftNode('dial', { endpoint: endpointValue }), {
    routes: (url) =>
      url.pathname !== '/api/asterisk/endpoints'
        ? undefined
        : typeof answer === 'number'
          ? Response.json({ error: 'ari_unreachable', message: 'cannot be reached' }, { status: answer })
          : Response.json(answer),
  });
}

const twoPhones = {
  endpoints: [endpoint('1001', 'offline'), endpoint('1002', 'online'), endpoint('trunk', 'unknown', 'IAX2')],
  unansweredServers: [],
  truncated: false,
};

describe('the Dial endpoint picker', () => {
  it('lists the phones Asterisk has, online first ("1002 · PJSIP · online"), and writes the chosen one as PJSIP/1002', async () => {
    const view = dialInspector(twoPhones);
    const input = screen.getByRole('combobox', { name: 'Endpoint' });
    fireEvent.focus(input);
    const list = await screen.findByRole('listbox', { name: 'Phones and endpoints' });
    await waitFor(() => expect(list.querySelectorAll('[role="option"]')).toHaveLength(3));
    expect([...list.querySelectorAll('[role="option"]')].map((option) => option.textContent)).toEqual([
      '1002PJSIP · online',
      '1001PJSIP · offline',
      'trunkIAX2 · state unknown',
    ]);
    fireEvent.mouseDown(screen.getByRole('option', { name: /1001/ }));
    expect(view.lastOptions()).toEqual({ endpoint: 'PJSIP/1001' });
  });

  it('narrows the list as the user types, and keeps any text typed (a {{variable}})', async () => {
    const view = dialInspector(twoPhones);
    const input = screen.getByRole('combobox', { name: 'Endpoint' });
    fireEvent.focus(input);
    await screen.findAllByRole('option');
    fireEvent.change(input, { target: { value: 'trunk' } });
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual([
      'trunkIAX2 · state unknown',
    ]);
    fireEvent.change(input, { target: { value: 'PJSIP/{{vars.agent}}' } });
    expect(screen.queryAllByRole('option')).toEqual([]);
    expect(screen.getByText('None matches “PJSIP/{{vars.agent}}”: it is used as typed.')).toBeTruthy();
    expect(view.lastOptions()).toEqual({ endpoint: 'PJSIP/{{vars.agent}}' });
  });

  it('is used with the keyboard: arrows move through the phones, Enter takes one, Escape closes the list', async () => {
    const view = dialInspector(twoPhones);
    const input = screen.getByRole('combobox', { name: 'Endpoint' });
    fireEvent.focus(input);
    await screen.findAllByRole('option');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(view.lastOptions()).toEqual({ endpoint: 'PJSIP/1001' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('says which server did not answer', async () => {
    dialInspector({ ...twoPhones, unansweredServers: ['pbx-b'] });
    expect(
      await screen.findByText('Asterisk pbx-b did not answer: phones only it has are not listed.'),
    ).toBeTruthy();
  });

  it('is a plain text field saying why when Asterisk cannot be reached', async () => {
    const view = dialInspector(502);
    expect(
      await screen.findByText(
        'Asterisk cannot be reached, so phones cannot be listed. Type it, e.g. PJSIP/1001.',
      ),
    ).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Endpoint' }), { target: { value: 'PJSIP/1003' } });
    expect(view.lastOptions()).toEqual({ endpoint: 'PJSIP/1003' });
  });

  it('offers the device states Asterisk has for a Set device state node', async () => {
    const view = renderInspector(draftNode('setDeviceState', { device: '', state: 'INUSE' }), {
      routes: (url) =>
        url.pathname === '/api/asterisk/device-states'
          ? Response.json({
              deviceStates: [{ name: 'Stasis:night-mode', state: 'NOT_INUSE', servers: ['pbx-a'] }],
              unansweredServers: [],
              truncated: false,
            })
          : undefined,
    });
    fireEvent.focus(screen.getByRole('combobox', { name: 'Device' }));
    fireEvent.mouseDown(await screen.findByRole('option', { name: /Stasis:night-mode/ }));
    expect(view.lastOptions()).toEqual({ device: 'Stasis:night-mode', state: 'INUSE' });
  });

  it('inserts a {{variable}} where the cursor is, as the other text fields do', async () => {
    const view = dialInspector(twoPhones, 'PJSIP/');
    const input = screen.getByRole('combobox', { name: 'Endpoint' });
    if (!(input instanceof HTMLInputElement)) throw new Error('the endpoint field is no input');
    input.setSelectionRange(6, 6);
    fireEvent.click(screen.getByRole('button', { name: 'Insert a variable into Endpoint' }));
    const list = screen.getByRole('list', { name: 'Variables available for Endpoint' });
    fireEvent.click(within(list).getByRole('button', { name: 'caller.number' }));
    expect(view.lastOptions()).toEqual({ endpoint: 'PJSIP/{{caller.number}}' });
  });
});
