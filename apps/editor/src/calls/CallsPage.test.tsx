import type { CallDetail, CallItem } from '@callflow/contract';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Router, Switch } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { CallsPage } from './CallsPage.tsx';
import { makeCall, makeLiveCall, makeStep } from './testing/callFixtures.ts';
import { FakeEventSource } from './testing/FakeEventSource.ts';
import { type FakeAnswer, fakeApi } from './testing/fakeApi.ts';

const versionWithLabels = {
  id: 'version-3',
  number: 3,
  note: '',
  author: 'admin',
  schemaVersion: 1,
  createdAt: '2026-03-01T09:00:00.000Z',
  liveOn: ['6001'],
  document: {
    schemaVersion: 1,
    nodes: [
      { id: 'start', kind: 'start', label: 'Incoming call', options: {} },
      { id: 'answer', kind: 'answer', label: 'Pick up', options: {} },
    ],
    edges: [{ id: 'e1', source: 'start', port: 'next', target: 'answer' }],
  },
};

interface Api {
  /** GET /calls: the calls for the request's query. */
  readonly calls?: (query: URLSearchParams) => { items: CallItem[]; nextCursor: string | null };
  readonly details?: Record<string, CallDetail>;
  readonly recordings?: Record<string, unknown>;
}

function serve(api: Api) {
  return fakeApi((url): FakeAnswer | undefined => {
    const path = url.pathname;
    if (path === '/api/calls')
      return { body: api.calls?.(url.searchParams) ?? { items: [], nextCursor: null } };
    if (path === '/api/flows') return { body: { flows: [], nextCursor: null } };
    if (path === '/api/session')
      return { body: { id: 'u1', username: 'ann', role: 'viewer', mustChangePassword: false } };
    if (path === '/api/flows/flow-sales/versions/3') return { body: versionWithLabels };
    const detail = /^\/api\/calls\/([^/]+)$/.exec(path);
    if (detail?.[1] !== undefined) {
      const found = api.details?.[decodeURIComponent(detail[1])];
      return found === undefined
        ? { status: 404, body: { error: 'not_found', message: 'no such call' } }
        : { body: found };
    }
    const recordings = /^\/api\/calls\/([^/]+)\/recordings$/.exec(path);
    if (recordings?.[1] !== undefined) {
      return { body: api.recordings?.[decodeURIComponent(recordings[1])] ?? { items: [], ari: 'ok' } };
    }
    return undefined;
  });
}

function renderAt(path: string) {
  const location = memoryLocation({ path, record: true });
  render(
    <Router hook={location.hook} searchHook={location.searchHook}>
      <Switch>
        <Route path="/calls" component={CallsPage} />
        <Route path="/calls/:callId">{(params) => <CallsPage callId={params.callId} />}</Route>
        <Route path="/flows/:flowId/versions/:number">
          <p>canvas</p>
        </Route>
      </Switch>
    </Router>,
  );
  return location;
}

const rows = () => screen.getAllByRole('row').filter((row) => row.hasAttribute('data-call-id'));
const rowOf = (callId: string) => {
  const row = rows().find((candidate) => candidate.getAttribute('data-call-id') === callId);
  if (row === undefined) throw new Error(`no row for ${callId}`);
  return row;
};

beforeEach(() => {
  FakeEventSource.reset();
  vi.stubGlobal('EventSource', FakeEventSource);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('CallsPage list', () => {
  it('lists the calls newest first with caller, extension, flow and version, duration and outcome', async () => {
    const older = makeCall({ id: 'call-old', startedAt: '2026-03-01T08:00:00.000Z', outcome: 'error' });
    const newer = makeLiveCall({
      id: 'call-new',
      startedAt: '2026-03-02T11:00:00.000Z',
      callerNumber: '1002',
    });
    serve({ calls: () => ({ items: [newer, older], nextCursor: null }) });
    renderAt('/calls');

    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows().map((row) => row.getAttribute('data-call-id'))).toEqual(['call-new', 'call-old']);
    const first = within(rowOf('call-new'));
    expect(first.getByText('1002')).toBeTruthy();
    expect(first.getByText('Live')).toBeTruthy();
    const second = within(rowOf('call-old'));
    expect(second.getByText('1001')).toBeTruthy();
    expect(second.getByText('Alice')).toBeTruthy();
    expect(second.getByText('6001')).toBeTruthy();
    expect(second.getByText('Sales')).toBeTruthy();
    expect(second.getByText('v3')).toBeTruthy();
    expect(second.getByText('1:05')).toBeTruthy();
    expect(second.getByText('Error')).toBeTruthy();
  });

  it('sends the filters chosen in the bar to the API and to the live stream', async () => {
    const api = serve({ calls: () => ({ items: [makeCall()], nextCursor: null }) });
    renderAt('/calls');
    await waitFor(() => expect(rows()).toHaveLength(1));

    fireEvent.change(screen.getByLabelText('Extension'), { target: { value: '6002' } });
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'caller_hangup' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-01' } });

    await waitFor(() => {
      const query = api.requestsTo('/api/calls').at(-1);
      expect(query?.get('extension')).toBe('6002');
      expect(query?.get('outcome')).toBe('caller_hangup');
      expect(query?.get('from')).toBe(new Date(2026, 2, 1).toISOString());
    });
    expect(api.requestsTo('/api/calls').every((query) => query.get('cursor') === null)).toBe(true);
    const stream = new URL(FakeEventSource.latest().url, 'http://editor.test');
    expect(stream.pathname).toBe('/api/calls/stream');
    expect(stream.searchParams.get('extension')).toBe('6002');
    // The previous filters' stream is not left open.
    expect(FakeEventSource.openInstances()).toHaveLength(1);
  });

  it('loads the next page with the cursor of the previous one', async () => {
    const api = serve({
      calls: (query) =>
        query.get('cursor') === 'page-2'
          ? { items: [makeCall({ id: 'call-old', startedAt: '2026-03-01T08:00:00.000Z' })], nextCursor: null }
          : { items: [makeCall()], nextCursor: 'page-2' },
    });
    renderAt('/calls');
    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));

    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(api.requestsTo('/api/calls').at(-1)?.get('cursor')).toBe('page-2');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('adds a streamed call at the top and updates a live call when it ends', async () => {
    serve({ calls: () => ({ items: [makeCall()], nextCursor: null }) });
    renderAt('/calls');
    await waitFor(() => expect(rows()).toHaveLength(1));
    const indicator = () => document.querySelector('.stream-indicator')?.textContent;
    expect(indicator()).toBe('Connecting…');

    const source = FakeEventSource.latest();
    act(() => source.open());
    await waitFor(() => expect(indicator()).toBe('Live'));

    const live = makeLiveCall({ id: 'call-2', startedAt: '2026-03-02T12:00:00.000Z', callerNumber: '1002' });
    act(() => source.emit('call', live));
    await waitFor(() =>
      expect(rows().map((row) => row.getAttribute('data-call-id'))).toEqual(['call-2', 'call-1']),
    );
    expect(within(rowOf('call-2')).getByText('Live')).toBeTruthy();

    act(() =>
      source.emit('call', {
        ...live,
        live: false,
        endedAt: '2026-03-02T12:00:42.000Z',
        durationMs: 42_000,
        outcome: 'caller_hangup',
        stepCount: 4,
      }),
    );
    await waitFor(() => expect(within(rowOf('call-2')).getByText('Caller hung up')).toBeTruthy());
    expect(within(rowOf('call-2')).getByText('42 s')).toBeTruthy();
    expect(rows()).toHaveLength(2);
  });

  it('keeps streamed calls out of a list they do not match, and drops messages that are not calls', async () => {
    serve({ calls: () => ({ items: [makeCall({ outcome: 'error' })], nextCursor: null }) });
    renderAt('/calls?outcome=error');
    await waitFor(() => expect(rows()).toHaveLength(1));
    const source = FakeEventSource.latest();
    act(() => source.open());

    act(() => source.emit('call', makeLiveCall({ id: 'call-2', startedAt: '2026-03-02T12:00:00.000Z' })));
    act(() => source.emit('call', { id: 'call-3', nonsense: true }));
    act(() => source.emit('call', 'not json'));
    act(() =>
      source.emit(
        'call',
        makeCall({ id: 'call-4', startedAt: '2026-03-02T12:00:00.000Z', outcome: 'error' }),
      ),
    );

    await waitFor(() =>
      expect(rows().map((row) => row.getAttribute('data-call-id'))).toEqual(['call-4', 'call-1']),
    );
  });

  it('says what to do when there are no calls yet', async () => {
    serve({});
    renderAt('/calls');
    expect(await screen.findByText('No calls yet')).toBeTruthy();
    expect(screen.getByText(/Publish a flow to an extension and call it/)).toBeTruthy();
  });

  it('opens a call beside the list when its row is clicked, keeping the filters', async () => {
    serve({
      calls: () => ({ items: [makeCall()], nextCursor: null }),
      details: { 'call-1': { ...makeCall(), steps: [] } },
    });
    const location = renderAt('/calls?extension=6001');
    await waitFor(() => expect(rows()).toHaveLength(1));

    fireEvent.click(within(rowOf('call-1')).getByText('Sales'));

    await waitFor(() => expect(location.history.at(-1)).toBe('/calls/call-1?extension=6001'));
    expect(await screen.findByRole('article', { name: 'Call from 1001' })).toBeTruthy();
    expect(rowOf('call-1').getAttribute('aria-current')).toBe('true');
  });
});

describe('CallsPage detail', () => {
  const steps = [
    makeStep({ id: 11, seq: 1, nodeId: 'start', kind: 'start', port: 'next', durationMs: 120 }),
    makeStep({
      id: 12,
      seq: 2,
      nodeId: 'answer',
      kind: 'answer',
      port: 'next',
      durationMs: 4200,
      variables: { 'vars.recording': 'callflow/abc' },
    }),
    makeStep({
      id: 13,
      seq: 3,
      nodeId: 'lookup',
      kind: 'httpLookup',
      port: 'error',
      error: 'HTTP 500 from crm',
    }),
  ];

  it('shows the call, its step timeline, its recordings and the link to the canvas', async () => {
    serve({
      details: { 'call-1': { ...makeCall({ stepCount: 3, error: 'lookup failed' }), steps } },
      recordings: {
        'call-1': {
          ari: 'ok',
          items: [
            {
              name: 'callflow/abc',
              nodeId: 'record',
              seq: 2,
              recordedAt: '2026-03-02T10:00:10.000Z',
              fileUrl: '/api/recordings/callflow%2Fabc/file',
              available: true,
              format: 'wav',
            },
          ],
        },
      },
    });
    renderAt('/calls/call-1');
    const detail = within(await screen.findByRole('article', { name: 'Call from 1001' }));

    expect(detail.getByText('Alice')).toBeTruthy();
    expect(detail.getByText('Sales')).toBeTruthy();
    expect(detail.getByText(/version 3/)).toBeTruthy();

    // The story in words, nodes by name (by kind when the version does not have them), never by id.
    const timeline = within(detail.getByRole('list', { name: 'What happened' }));
    await waitFor(() => expect(timeline.getByText('Call came in')).toBeTruthy());
    const story = [...document.querySelectorAll('.call-step__text')].map((line) => line.textContent);
    expect(story).toEqual([
      'Call came in',
      'Answered',
      'Failed in the HTTP lookup: HTTP 500 from crm',
      // Its error port leads nowhere (this version has no On error path): not a normal end.
      'The call ended here: nothing is connected after this failure',
    ]);
    // What the runtime logged (ids, ports, variables, causes, raw errors) waits behind "Details".
    for (const raw of ['lookup', '4.2 s', 'vars.recording=callflow/abc', '16', 'lookup failed', 'pbx-1'])
      expect(detail.queryByText(raw)).toBeNull();
    fireEvent.click(detail.getByRole('button', { name: 'Details' }));
    expect(timeline.getByText('lookup')).toBeTruthy();
    expect(timeline.getByText('4.2 s')).toBeTruthy();
    expect(timeline.getByText('vars.recording=callflow/abc')).toBeTruthy();
    expect(timeline.getByText('HTTP 500 from crm').className).toContain('call-step__error');
    expect(detail.getByText('16')).toBeTruthy();
    expect(detail.getByText('lookup failed')).toBeTruthy();
    expect(detail.getByText('callflow-6001')).toBeTruthy();

    const canvas = detail.getByRole('link', { name: 'Show on canvas' });
    expect(canvas.getAttribute('href')).toBe('/flows/flow-sales/versions/3?call=call-1');

    await waitFor(() => expect(document.querySelector('audio')).not.toBeNull());
    expect(document.querySelector('audio')?.getAttribute('src')).toBe('/api/recordings/callflow%2Fabc/file');
  });

  it('hides "Show on canvas" when the version the call ran is gone', async () => {
    serve({ details: { 'call-1': { ...makeCall({ flowVersionNumber: null }), steps: [] } } });
    renderAt('/calls/call-1');
    await screen.findByRole('article', { name: 'Call from 1001' });
    expect(screen.queryByRole('link', { name: 'Show on canvas' })).toBeNull();
  });

  it('grows the timeline of a live call as its steps stream in', async () => {
    const live = makeLiveCall({ currentNodeId: 'answer', currentNodeSince: '2026-03-02T10:00:00.120Z' });
    serve({ details: { 'call-1': { ...live, steps: [steps[0] ?? makeStep()] } } });
    renderAt('/calls/call-1');
    await screen.findByRole('article', { name: 'Call from 1001' });
    // Where the call is now, by the node's name.
    expect(await screen.findByText('Now in “Pick up”…')).toBeTruthy();
    const traceSource = FakeEventSource.instances.find((source) => source.url.includes('extension=6001'));
    if (traceSource === undefined) throw new Error('the live call is not followed');
    act(() => traceSource.open());
    act(() => traceSource.emit('step', steps[1]));

    await waitFor(() => expect(screen.getByText('Answered')).toBeTruthy());
    expect(document.querySelectorAll('.call-step[data-step-seq]')).toHaveLength(2);
  });

  it('says so when the call is not in the log', async () => {
    serve({});
    renderAt('/calls/nope');
    expect(await screen.findByText('Call not found')).toBeTruthy();
  });
});

describe('CallsPage when the live stream is lost for good', () => {
  const indicator = () => document.querySelector('.stream-indicator')?.textContent;
  const ids = () => rows().map((row) => row.getAttribute('data-call-id'));

  afterEach(() => {
    vi.useRealTimers();
  });

  it('says it is offline, reconnects with a new stream, and reads again what changed meanwhile', async () => {
    const before = makeLiveCall({ id: 'call-1', startedAt: '2026-03-02T10:00:00.000Z' });
    const server = { items: [before] };
    const api = serve({ calls: () => ({ items: server.items, nextCursor: null }) });
    renderAt('/calls');
    await waitFor(() => expect(ids()).toEqual(['call-1']));
    const first = FakeEventSource.latest();
    act(() => first.open());
    await waitFor(() => expect(indicator()).toBe('Live'));
    const listRequests = api.requestsTo('/api/calls').length;

    // Only the retry delay is faked: fetch and React keep their own timing.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    act(() => first.fail());
    expect(indicator()).toBe('Offline');
    expect(document.querySelector('.stream-indicator')?.getAttribute('title')).toMatch(/may be out of date/);

    // While nothing arrives: call-1 ends, call-2 comes and goes, call-3 is still going on.
    const ended = makeCall({ id: 'call-1', startedAt: '2026-03-02T10:00:00.000Z', outcome: 'caller_hangup' });
    const missed = makeCall({ id: 'call-2', startedAt: '2026-03-02T10:05:00.000Z', outcome: 'completed' });
    const going = makeLiveCall({ id: 'call-3', startedAt: '2026-03-02T10:09:00.000Z', callerNumber: '1003' });
    server.items = [going, missed, ended];
    act(() => vi.advanceTimersByTime(5000));
    vi.useRealTimers();

    // The login session is asked first (it may have ended meanwhile), then a new stream is made.
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(2));
    expect(FakeEventSource.openInstances()).toHaveLength(1);
    const second = FakeEventSource.latest();
    expect(second).not.toBe(first);
    expect(indicator()).toBe('Connecting…');
    act(() => {
      second.open();
      // The API resends the live calls as the new stream starts, before the list's answer.
      second.emit('call', going);
    });

    await waitFor(() => expect(ids()).toEqual(['call-3', 'call-2', 'call-1']));
    expect(indicator()).toBe('Live');
    expect(api.requestsTo('/api/calls').length).toBe(listRequests + 1);
    expect(within(rowOf('call-1')).getByText('Caller hung up')).toBeTruthy();
    expect(within(rowOf('call-2')).getByText('Completed')).toBeTruthy();
    expect(within(rowOf('call-3')).getByText('Live')).toBeTruthy();

    // The new stream goes on updating the list it read.
    act(() =>
      second.emit('call', {
        ...going,
        live: false,
        endedAt: '2026-03-02T10:10:00.000Z',
        durationMs: 60_000,
        outcome: 'completed',
        stepCount: 3,
      }),
    );
    await waitFor(() => expect(within(rowOf('call-3')).getByText('Completed')).toBeTruthy());
    expect(ids()).toEqual(['call-3', 'call-2', 'call-1']);
  });

  it('reads the list again after a dropped connection the browser restores by itself', async () => {
    const server = { items: [makeCall({ id: 'call-1' })] };
    const api = serve({ calls: () => ({ items: server.items, nextCursor: null }) });
    renderAt('/calls');
    await waitFor(() => expect(ids()).toEqual(['call-1']));
    const source = FakeEventSource.latest();
    act(() => source.open());
    await waitFor(() => expect(indicator()).toBe('Live'));
    const listRequests = api.requestsTo('/api/calls').length;

    act(() => source.drop());
    expect(indicator()).toBe('Connecting…');
    server.items = [
      makeCall({ id: 'call-2', startedAt: '2026-03-02T11:00:00.000Z' }),
      makeCall({ id: 'call-1' }),
    ];
    act(() => source.open());

    await waitFor(() => expect(ids()).toEqual(['call-2', 'call-1']));
    expect(api.requestsTo('/api/calls').length).toBe(listRequests + 1);
    expect(FakeEventSource.instances).toHaveLength(1);
  });
});
