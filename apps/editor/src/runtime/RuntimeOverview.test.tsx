import type { PublicationListItem, RuntimeEvent, RuntimeStatusResponse } from '@callflow/contract';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { fakeApi } from '../calls/testing/fakeApi.ts';
import { RuntimeStatusBar } from '../shell/RuntimeStatusBar.tsx';
import { RuntimeEventsPage } from './RuntimeEventsPage.tsx';

const now = Date.now();
const ago = (ms: number) => new Date(now - ms).toISOString();

const connected: RuntimeStatusResponse = {
  checkedAt: ago(0),
  servers: [
    {
      asteriskServer: '127.0.0.1:8088',
      connected: true,
      stale: false,
      asteriskVersion: '22.1.0~dfsg+~cs6.15.60671435-1',
      apps: ['callflow-6001', 'callflow-6002'],
      serving: { '6001': 'version-3', '6002': 'version-7' },
      startedAt: ago(3600_000),
      updatedAt: ago(2000),
    },
  ],
};
const notRunning: RuntimeStatusResponse = { checkedAt: ago(0), servers: [] };

function published(extension: string, overrides: Partial<PublicationListItem> = {}): PublicationListItem {
  return {
    extension,
    flowId: 'flow-sales',
    flowName: 'Sales line',
    version: 3,
    versionId: 'version-3',
    publishedAt: ago(86_400_000),
    applied: true,
    ...overrides,
  };
}

const invalidVersion: RuntimeEvent = {
  id: 9,
  at: ago(60_000),
  level: 'error',
  type: 'version_invalid',
  message:
    'version 7 of flow flow-support is invalid and is not served: nodes.3.options.prompts: add a prompt',
  extension: null,
  appName: null,
  asteriskServer: '127.0.0.1:8088',
};
const disconnected: RuntimeEvent = {
  ...invalidVersion,
  id: 8,
  at: ago(120_000),
  level: 'warn',
  type: 'app_disconnected',
  message: 'app callflow-6001 lost its connection: socket hang up',
  extension: '6001',
  appName: 'callflow-6001',
};

function serve(status: RuntimeStatusResponse, events: RuntimeEvent[] = []) {
  const publications = [
    published('6001'),
    published('6002', {
      flowId: 'flow-support',
      flowName: 'Support line',
      version: 7,
      versionId: 'version-7',
    }),
    published('6010', { flowName: 'Night line', version: 2, versionId: 'version-2', applied: false }),
  ];
  return fakeApi((url) => {
    if (url.pathname === '/api/runtime/status') return { body: status };
    if (url.pathname === '/api/publications') return { body: { publications } };
    if (url.pathname !== '/api/runtime/events') return undefined;
    const level = url.searchParams.get('level');
    return {
      body: { items: events.filter((event) => level === null || event.level === level), nextCursor: null },
    };
  });
}

function renderAt(path: string, page = <RuntimeEventsPage />) {
  const location = memoryLocation({ path, record: true });
  render(
    <Router hook={location.hook} searchHook={location.searchHook}>
      {page}
    </Router>,
  );
  return location;
}

const extensionRow = (extension: string) => {
  const row = document.querySelector(`tr[data-extension="${extension}"]`);
  if (!(row instanceof HTMLElement)) throw new Error(`no row for ${extension}`);
  return within(row);
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('RuntimeEventsPage overview', () => {
  it('says the phone system is connected, which extension answers with which flow, and recent problems', async () => {
    const api = serve(connected, [invalidVersion, disconnected]);
    renderAt('/runtime');

    const phone = within(await screen.findByRole('region', { name: 'Phone system 127.0.0.1:8088' }));
    expect(phone.getByRole('heading', { name: 'Phone system: connected' })).toBeTruthy();
    expect(phone.getByText('Last heard from just now · 2 extensions registered.')).toBeTruthy();
    // The package version and the Stasis app names are for the event log's details.
    expect(screen.queryByText(/22\.1\.0|callflow-6001/)).toBeNull();

    await waitFor(() => expect(extensionRow('6001').getByText('Answering')).toBeTruthy());
    expect(extensionRow('6001').getByRole('link', { name: 'Sales line' }).getAttribute('href')).toBe(
      '/flows/flow-sales',
    );
    expect(extensionRow('6001').getByRole('link', { name: 'version 3' }).getAttribute('href')).toBe(
      '/flows/flow-sales/versions/3',
    );
    expect(extensionRow('6002').getByText('Answering')).toBeTruthy();
    expect(extensionRow('6010').getByText('Starting')).toBeTruthy();
    expect(extensionRow('6010').getByText('The runtime is loading version 2')).toBeTruthy();

    const problems = within(screen.getByRole('region', { name: 'Recent problems' }));
    await waitFor(() =>
      expect(
        problems.getByText(
          'Version 7 of “Support line” has errors and is not answered: open it, fix what the problems list shows, and publish again.',
        ),
      ).toBeTruthy(),
    );
    expect(problems.getByText(/Extension 6001 lost its connection to the phone system/)).toBeTruthy();
    expect(api.requestsTo('/api/runtime/events').map((query) => query.get('level'))).toEqual(
      expect.arrayContaining(['error', 'warn']),
    );
    // The developer's event log is one tab away.
    expect(document.querySelector('tr[data-event-id]')).toBeNull();
  });

  it('shows the event log under Details, and back', async () => {
    serve(connected, [invalidVersion]);
    const location = renderAt('/runtime');
    fireEvent.click(await screen.findByRole('tab', { name: 'Details: event log' }));
    await waitFor(() => expect(document.querySelector('tr[data-event-id="9"]')).not.toBeNull());
    expect(location.history.at(-1)).toBe('/runtime?view=log');
    expect(screen.getByText('22.1.0~dfsg+~cs6.15.60671435-1')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    await screen.findByRole('heading', { name: 'Extensions answering' });
    expect(location.history.at(-1)).toBe('/runtime');
  });

  it('says what to do when the runtime is not running, and that no extension answers', async () => {
    serve(notRunning);
    renderAt('/runtime');
    const phone = within(await screen.findByRole('region', { name: 'Phone system' }));
    expect(phone.getByRole('heading', { name: 'Phone system: not connected' })).toBeTruthy();
    expect(phone.getByText(/Start it/)).toBeTruthy();
    await waitFor(() => expect(extensionRow('6001').getByText('Not answering')).toBeTruthy());
    expect(extensionRow('6001').getByText('Callflow’s runtime is not running')).toBeTruthy();
    expect(await screen.findByText('No problems in the last 24 hours.')).toBeTruthy();
  });
});

describe('RuntimeStatusBar', () => {
  it('says the phone system is connected and how many extensions answer; the version only in the tooltip', async () => {
    serve(connected);
    renderAt('/flows', <RuntimeStatusBar />);
    const text = await screen.findByText('Phone system connected · 2 extensions answering');
    const bar = text.closest('footer');
    expect(bar?.textContent).not.toMatch(/22\.1|apps registered/);
    expect(bar?.getAttribute('title')).toBe('127.0.0.1:8088: Asterisk 22.1.0~dfsg+~cs6.15.60671435-1');
  });

  it('says the phone system is not connected and what to do', async () => {
    serve(notRunning);
    renderAt('/flows', <RuntimeStatusBar />);
    const text = await screen.findByText('Phone system not connected: Callflow’s runtime is not running');
    expect(text.closest('footer')?.textContent).toMatch(/Start it \(npm start\)/);
  });
});
