import type { PublicationListItem, RuntimeEvent } from '@callflow/contract';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { fakeApi } from '../calls/testing/fakeApi.ts';
import { RuntimeEventsPage } from './RuntimeEventsPage.tsx';
import { RUNTIME_EVENTS_POLL_MS } from './useRuntimeEvents.ts';

function event(overrides: Partial<RuntimeEvent>): RuntimeEvent {
  return {
    id: 1,
    at: '2026-03-02T10:00:00.000Z',
    level: 'info',
    type: 'app_registered',
    message: 'app callflow-6001 registered',
    extension: '6001',
    appName: 'callflow-6001',
    asteriskServer: 'pbx-1',
    ...overrides,
  };
}

const registered = event({ id: 1 });
const failed = event({
  id: 2,
  at: '2026-03-02T10:05:00.000Z',
  level: 'error',
  type: 'version_invalid',
  message: 'version 4 of extension 6002 is not a valid flow',
  extension: '6002',
  appName: null,
});

const status = {
  checkedAt: '2026-03-02T10:06:00.000Z',
  servers: [
    {
      asteriskServer: 'pbx-1',
      connected: true,
      stale: false,
      asteriskVersion: '22.1.0',
      apps: ['callflow-6001', 'callflow-6002'],
      serving: { '6001': 'version-3' },
      startedAt: '2026-03-02T09:00:00.000Z',
      updatedAt: '2026-03-02T10:05:58.000Z',
    },
    {
      asteriskServer: 'pbx-2',
      connected: false,
      stale: false,
      asteriskVersion: null,
      apps: [],
      serving: {},
      startedAt: '2026-03-02T09:00:00.000Z',
      updatedAt: '2026-03-02T10:05:59.000Z',
    },
  ],
};

/** Serves the status and the events the API would list for the request's filters. */
function serve(events: () => RuntimeEvent[], publications: PublicationListItem[] = []) {
  return fakeApi((url) => {
    if (url.pathname === '/api/runtime/status') return { body: status };
    if (url.pathname === '/api/publications') return { body: { publications } };
    if (url.pathname !== '/api/runtime/events') return undefined;
    const query = url.searchParams;
    const items = events()
      .filter((item) => query.get('level') === null || item.level === query.get('level'))
      .filter((item) => query.get('type') === null || item.type === query.get('type'))
      .filter((item) => query.get('extension') === null || item.extension === query.get('extension'))
      .filter(
        (item) => query.get('asteriskServer') === null || item.asteriskServer === query.get('asteriskServer'),
      )
      .sort((a, b) => b.id - a.id);
    return { body: { items, nextCursor: null } };
  });
}

function renderPage(path = '/runtime?view=log') {
  const location = memoryLocation({ path, record: true });
  render(
    <Router hook={location.hook} searchHook={location.searchHook}>
      <RuntimeEventsPage />
    </Router>,
  );
  return location;
}

const eventIds = () =>
  screen
    .queryAllByRole('row')
    .flatMap((row) => (row.hasAttribute('data-event-id') ? [row.getAttribute('data-event-id')] : []));

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('RuntimeEventsPage event log (Details)', () => {
  it("shows each Asterisk server's status and the runtime's events, newest first", async () => {
    serve(() => [registered, failed]);
    renderPage();

    const first = within(await screen.findByRole('region', { name: 'Asterisk server pbx-1' }));
    expect(first.getByText('Connected')).toBeTruthy();
    expect(first.getByText('22.1.0')).toBeTruthy();
    expect(first.getByText(/2 registered/)).toBeTruthy();
    expect(
      within(screen.getByRole('region', { name: 'Asterisk server pbx-2' })).getByText('Not connected'),
    ).toBeTruthy();

    await waitFor(() => expect(eventIds()).toEqual(['2', '1']));
    const errorRow = within(screen.getAllByRole('row')[1] ?? document.body);
    expect(errorRow.getByText('error')).toBeTruthy();
    expect(errorRow.getByText('version_invalid')).toBeTruthy();
    expect(errorRow.getByText('version 4 of extension 6002 is not a valid flow')).toBeTruthy();
    expect(errorRow.getByText('6002')).toBeTruthy();
  });

  it('filters by level, type, extension and Asterisk server through the API', async () => {
    const api = serve(() => [registered, failed]);
    const location = renderPage();
    await waitFor(() => expect(eventIds()).toEqual(['2', '1']));

    fireEvent.change(screen.getByLabelText('Level'), { target: { value: 'error' } });
    await waitFor(() => expect(eventIds()).toEqual(['2']));
    expect(api.requestsTo('/api/runtime/events').at(-1)?.get('level')).toBe('error');

    fireEvent.change(screen.getByLabelText('Level'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'app_registered' } });
    fireEvent.keyDown(screen.getByLabelText('Type'), { key: 'Enter' });
    await waitFor(() => expect(eventIds()).toEqual(['1']));

    fireEvent.change(screen.getByLabelText('Extension'), { target: { value: '6001' } });
    fireEvent.blur(screen.getByLabelText('Extension'));
    fireEvent.change(await screen.findByLabelText('Asterisk server'), { target: { value: 'pbx-1' } });

    await waitFor(() => {
      const query = api.requestsTo('/api/runtime/events').at(-1);
      expect(query?.get('level')).toBeNull();
      expect(query?.get('type')).toBe('app_registered');
      expect(query?.get('extension')).toBe('6001');
      expect(query?.get('asteriskServer')).toBe('pbx-1');
    });
    expect(location.history.at(-1)).toBe(
      '/runtime?view=log&type=app_registered&extension=6001&asteriskServer=pbx-1',
    );

    fireEvent.change(screen.getByLabelText('Extension'), { target: { value: '7000' } });
    fireEvent.blur(screen.getByLabelText('Extension'));
    expect(await screen.findByText('No events match these filters')).toBeTruthy();
  });

  it('adds new events at the top as they are polled', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let events = [registered];
    serve(() => events);
    renderPage();
    await waitFor(() => expect(eventIds()).toEqual(['1']));

    events = [registered, failed];
    await act(() => vi.advanceTimersByTimeAsync(RUNTIME_EVENTS_POLL_MS));
    await waitFor(() => expect(eventIds()).toEqual(['2', '1']));
  });

  it('says what to do when the runtime has not reported anything yet', async () => {
    fakeApi((url) =>
      url.pathname === '/api/runtime/status'
        ? { body: { servers: [], checkedAt: '2026-03-02T10:00:00.000Z' } }
        : { body: { items: [], nextCursor: null } },
    );
    renderPage();
    expect(await screen.findByText('No runtime events yet')).toBeTruthy();
    expect(screen.getByText('No runtime has reported yet')).toBeTruthy();
  });
});
