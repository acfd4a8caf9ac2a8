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
    fireEvent.click(await screen.findByRole('button', { name: 'Replace the value of crm_token' }));
    const value = screen.getByLabelText('New value');
    expect(value.getAttribute('type')).toBe('password');
    fireEvent.change(value, { target: { value: 'super-secret-value' } });
    fireEvent.click(screen.getByRole('button', { name: 'Replace' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toMatch(/Replaced the value of crm_token/),
    );
    expect(sent).toEqual(['/api/secrets/crm_token']);
    expect(document.body.textContent).not.toContain('super-secret-value');
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
