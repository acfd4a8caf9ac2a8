import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { App } from '../App.tsx';
import { CallsPage } from '../calls/CallsPage.tsx';
import { FakeEventSource } from '../calls/testing/FakeEventSource.ts';
import { fakeApi } from '../calls/testing/fakeApi.ts';
import { AppErrorBoundary } from './AppErrorBoundary.tsx';

// Pages that fail to render, as a bug in any of them would.
vi.mock('../flows/FlowsPage.tsx', () => ({
  default: function FlowsPage(): never {
    throw new Error('flows page exploded');
  },
}));
vi.mock('../calls/CallDetailPanel.tsx', () => ({
  CallDetailPanel: function CallDetailPanel(): never {
    throw new Error('call detail exploded');
  },
}));

const admin = { id: 'user-1', username: 'ada', role: 'admin', mustChangePassword: false };

function serve() {
  return fakeApi((url) => {
    if (url.pathname === '/api/session') return { body: admin };
    if (url.pathname === '/api/calls') return { body: { items: [], nextCursor: null } };
    return undefined;
  });
}

/** React reports every error a boundary catches on the console; the tests expect them. */
function quietConsole() {
  vi.spyOn(console, 'error').mockImplementation(() => {});
}

beforeEach(() => {
  FakeEventSource.reset();
  vi.stubGlobal('EventSource', FakeEventSource);
  quietConsole();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

describe('a page that fails to render', () => {
  it('shows what happened in the person’s words and the ways back, inside the app’s frame', async () => {
    serve();
    window.history.replaceState(null, '', '/flows');
    render(<App />);

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading').textContent).toBe('Something went wrong showing this page.');
    expect(within(alert).getByRole('link', { name: 'Back to flows' }).getAttribute('href')).toBe('/flows');
    expect(within(alert).getByRole('button', { name: 'Reload' })).toBeTruthy();
    // The technical message is there for a bug report, folded away.
    expect(within(alert).getByText('flows page exploded').closest('details')).not.toBeNull();
    // The navigation still works: another page shows normally.
    expect(screen.getByRole('button', { name: 'Log out' })).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: 'Calls' }));
    await screen.findByText('No calls yet');
    expect(screen.queryByText('Something went wrong showing this page.')).toBeNull();
  });

  it('reloads the page when the person asks', async () => {
    serve();
    const reload = vi.fn();
    vi.stubGlobal('location', { ...window.location, reload });
    render(
      <AppErrorBoundary>
        <ThrowsWhileRendering />
      </AppErrorBoundary>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Reload' }));
    expect(reload).toHaveBeenCalledOnce();
  });
});

function ThrowsWhileRendering(): never {
  throw new Error('nothing to show');
}

describe('the whole-app boundary', () => {
  it('catches what fails outside any page (the frame, the login) with a way back to the flows', () => {
    render(
      <AppErrorBoundary>
        <ThrowsWhileRendering />
      </AppErrorBoundary>,
    );
    expect(screen.getByRole('heading').textContent).toBe('Something went wrong showing this page.');
    expect(screen.getByRole('link', { name: 'Back to flows' }).getAttribute('href')).toBe('/flows');
  });
});

describe('a panel that fails to render', () => {
  it('shows its own message while the rest of the page keeps working', async () => {
    serve();
    const location = memoryLocation({ path: '/calls/call-1', record: true });
    render(
      <Router hook={location.hook} searchHook={location.searchHook}>
        <Route path="/calls/:callId">{(params) => <CallsPage callId={params.callId} />}</Route>
      </Router>,
    );
    const detail = screen.getByRole('region', { name: 'Call detail' });
    await waitFor(() =>
      expect(within(detail).getByRole('alert').textContent).toContain(
        'Something went wrong showing this call.',
      ),
    );
    expect(within(detail).getByRole('button', { name: 'Try again' })).toBeTruthy();
    // The list beside it is still there.
    await screen.findByText('No calls yet');
  });
});
