import { starterFlows } from '@callflow/flow';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App.tsx';
import { FakeEventSource } from '../calls/testing/FakeEventSource.ts';
import { type FakeAnswer, fakeApi } from '../calls/testing/fakeApi.ts';

const ada = { id: 'user-ada', username: 'ada', role: 'editor', mustChangePassword: false };

/** A flow as the API answers it, with `document`. */
function flowDetail(id: string, name: string, document: unknown) {
  const at = '2026-12-07T10:00:00.000Z';
  return {
    id,
    name,
    revision: 0,
    createdAt: at,
    updatedAt: at,
    versionCount: 0,
    latestVersion: null,
    publications: [],
    document,
  };
}

/** The API with no flows; `other` answers what else a test needs, and every body sent is kept. */
function serve(other: (url: URL, method: string, body: unknown) => FakeAnswer | undefined = () => undefined) {
  const sent: { method: string; path: string; body: unknown }[] = [];
  const api = fakeApi((url, method, init) => {
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    if (method !== 'GET') sent.push({ method, path: `${url.pathname}${url.search}`, body });
    if (url.pathname === '/api/session') return { body: ada };
    if (url.pathname === '/api/flows' && method === 'GET') return { body: { flows: [], nextCursor: null } };
    return other(url, method, body);
  });
  return { api, sent };
}

beforeEach(() => {
  FakeEventSource.reset();
  vi.stubGlobal('EventSource', FakeEventSource);
  window.history.replaceState(null, '', '/flows');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the first page', () => {
  it('says what Callflow does and what to do next, and lists every starter', async () => {
    serve();
    render(<App />);
    await screen.findByRole('heading', { name: 'Welcome to Callflow' }, { timeout: 10_000 });
    expect(screen.getByText(/Pick a starter/)).toBeTruthy();
    expect(screen.getByText(/Publish/)).toBeTruthy();
    for (const starter of starterFlows) {
      expect(screen.getByRole('heading', { name: starter.title })).toBeTruthy();
      expect(screen.getByRole('button', { name: `Use ${starter.title}` })).toBeTruthy();
    }
  });

  it('creates a flow from a starter under the name asked for, and opens it', async () => {
    const starter = starterFlows.find((candidate) => candidate.title === 'Business hours menu');
    const { sent } = serve((url, method, body) => {
      if (url.pathname === '/api/flows' && method === 'POST') {
        const { name, document } = body as { name: string; document: unknown };
        return { status: 201, body: flowDetail('flow-new', name, document) };
      }
      return undefined;
    });
    render(<App />);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Use Business hours menu' }, { timeout: 10_000 }),
    );
    const name = await screen.findByLabelText('Name');
    expect((name as HTMLInputElement).value).toBe('Business hours menu');
    fireEvent.change(name, { target: { value: 'Acme front desk' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create and open' }));
    await waitFor(() => expect(window.location.pathname).toBe('/flows/flow-new'));
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/api/flows',
        body: { name: 'Acme front desk', document: JSON.parse(JSON.stringify(starter?.document)) },
      },
    ]);
  });
});

describe('importing a file whose flow name is taken', () => {
  it('asks, then imports it as the name the API suggests', async () => {
    const file = { format: 'callflow.flow', schemaVersion: 1, name: 'Reception', document: {} };
    const { sent } = serve((url) => {
      if (url.pathname !== '/api/flows/import') return undefined;
      if (url.searchParams.get('onNameTaken') === 'rename')
        return {
          status: 201,
          body: {
            flow: flowDetail('flow-2', 'Reception (2)', starterFlows[0]?.document),
            ok: true,
            problems: [],
            warnings: [],
            schemaVersion: 1,
          },
        };
      return {
        status: 409,
        body: {
          error: 'name_taken',
          message: 'a flow named "Reception" already exists',
          name: 'Reception',
          suggestedName: 'Reception (2)',
        },
      };
    });
    render(<App />);
    const input = await screen.findByTestId('import-input', {}, { timeout: 10_000 });
    fireEvent.change(input, {
      target: { files: [new File([JSON.stringify(file)], 'reception.json', { type: 'application/json' })] },
    });
    await screen.findByRole('heading', { name: 'A flow named “Reception” already exists' });
    expect(window.location.pathname).toBe('/flows');
    fireEvent.click(screen.getByRole('button', { name: 'Import as “Reception (2)”' }));
    await waitFor(() => expect(window.location.pathname).toBe('/flows/flow-2'));
    expect(sent.map((request) => request.path)).toEqual([
      '/api/flows/import?onNameTaken=refuse',
      '/api/flows/import?onNameTaken=rename',
    ]);
    expect(sent[1]?.body).toEqual(file);
  });
});
