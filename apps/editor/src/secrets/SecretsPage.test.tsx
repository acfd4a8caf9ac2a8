import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../calls/testing/fakeApi.ts';

const session = vi.hoisted(() => ({ role: 'admin' as 'admin' | 'editor' | 'viewer' }));
vi.mock('../auth/SessionContext.tsx', () => ({
  useUser: () => ({ id: 'u1', username: 'alice', role: session.role, mustChangePassword: false }),
}));

const { SecretsPage } = await import('./SecretsPage.tsx');

const crmToken = {
  name: 'crm_token',
  description: 'CRM API',
  createdAt: '2026-03-02T10:00:00.000Z',
  updatedAt: '2026-03-02T10:00:00.000Z',
  updatedBy: 'alice',
};

afterEach(() => {
  vi.unstubAllGlobals();
  session.role = 'admin';
});

describe('SecretsPage', () => {
  it('lists names and descriptions as references, with no value anywhere', async () => {
    fakeApi((url) => (url.pathname === '/api/secrets' ? { body: { items: [crmToken] } } : undefined));
    render(<SecretsPage />);
    const table = await screen.findByTestId('secrets-table');
    expect(within(table).getByText('{{secrets.crm_token}}')).toBeTruthy();
    expect(within(table).getByText('CRM API')).toBeTruthy();
  });

  it('sends a new value from a password field and never shows it', async () => {
    const sent: unknown[] = [];
    fakeApi((url, method) => {
      if (url.pathname === '/api/secrets' && method === 'GET') return { body: { items: [crmToken] } };
      if (url.pathname === '/api/secrets/crm_token' && method === 'PUT') {
        sent.push(url.pathname);
        return { body: { ...crmToken, updatedAt: '2026-03-02T11:00:00.000Z' } };
      }
      return undefined;
    });
    render(<SecretsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Change crm_token' }));
    const value = screen.getByLabelText('New value');
    expect(value.getAttribute('type')).toBe('password');
    fireEvent.change(value, { target: { value: 'super-secret-value' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toMatch(/Saved the new value of crm_token/),
    );
    expect(sent).toEqual(['/api/secrets/crm_token']);
    expect(document.body.textContent).not.toContain('super-secret-value');
  });

  it('changes only the description when no new value is typed', async () => {
    const sent: { method: string; path: string }[] = [];
    fakeApi((url, method) => {
      if (url.pathname === '/api/secrets' && method === 'GET') return { body: { items: [crmToken] } };
      if (url.pathname === '/api/secrets/crm_token') {
        sent.push({ method, path: url.pathname });
        return { body: { ...crmToken, description: 'CRM API (production)' } };
      }
      return undefined;
    });
    render(<SecretsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Change crm_token' }));
    fireEvent.change(screen.getByLabelText('Description'), { target: { value: 'CRM API (production)' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toMatch(/Saved the description of crm_token/),
    );
    expect(sent).toEqual([{ method: 'PATCH', path: '/api/secrets/crm_token' }]);
  });

  it('refuses a name that is taken or malformed before sending anything, saying why', async () => {
    const api = fakeApi((url, method) =>
      url.pathname === '/api/secrets' && method === 'GET' ? { body: { items: [crmToken] } } : undefined,
    );
    render(<SecretsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'New secret' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Value'), { target: { value: 'a-new-token' } });
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'crm_token' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText(/crm_token already exists/)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: '' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText('a secret needs a name')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'crm token' } });
    fireEvent.change(within(dialog).getByLabelText('Value'), { target: { value: 'abc' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText(/letters, digits and _ only/)).toBeTruthy();
    expect(within(dialog).getByText('a secret value has at least 4 characters')).toBeTruthy();
    expect(api.requests.filter((request) => request !== '/api/secrets')).toEqual([]);
  });

  it('says how to configure the store when the server has no key', async () => {
    fakeApi(() => ({
      status: 503,
      body: {
        error: 'secrets_unavailable',
        message: 'the credentials store is not configured: set CALLFLOW_SECRETS_KEY',
      },
    }));
    render(<SecretsPage />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/CALLFLOW_SECRETS_KEY/);
    expect(screen.queryByRole('button', { name: 'New secret' })).toBeNull();
  });

  it('is for admins only', () => {
    session.role = 'editor';
    fakeApi(() => undefined);
    render(<SecretsPage />);
    expect(screen.getByText('Only admins manage secrets')).toBeTruthy();
  });
});
