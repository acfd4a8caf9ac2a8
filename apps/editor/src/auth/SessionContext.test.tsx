import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App.tsx';
import { FakeEventSource } from '../calls/testing/FakeEventSource.ts';
import { type FakeAnswer, fakeApi } from '../calls/testing/fakeApi.ts';
import { unsavedBackups } from '../canvas/unsavedBackups.ts';

const ada = { id: 'user-ada', username: 'ada', role: 'editor', mustChangePassword: false };
const bob = { id: 'user-bob', username: 'bob', role: 'editor', mustChangePassword: false };
const adasDraft = { revision: 3, document: { schemaVersion: 1, nodes: [], edges: [] } };

interface Server {
  /** Who the session belongs to; null when logged out. */
  loggedIn: typeof ada | null;
  /** Set when the API refuses everything but the password routes. */
  passwordChangeRequired?: boolean;
}

function serve(server: Server) {
  return fakeApi((url, method): FakeAnswer | undefined => {
    if (url.pathname === '/api/session') {
      if (method === 'DELETE') {
        server.loggedIn = null;
        return { body: null };
      }
      if (method === 'POST') {
        server.loggedIn = bob;
        return { body: bob };
      }
      return server.loggedIn === null
        ? { status: 401, body: { error: 'not_logged_in', message: 'log in first' } }
        : { body: server.loggedIn };
    }
    if (server.passwordChangeRequired === true)
      return {
        status: 403,
        body: { error: 'password_change_required', message: 'choose a new password first' },
      };
    if (url.pathname === '/api/flows') return { body: { flows: [], nextCursor: null } };
    return undefined;
  });
}

beforeEach(() => {
  localStorage.clear();
  FakeEventSource.reset();
  vi.stubGlobal('EventSource', FakeEventSource);
  window.history.replaceState(null, '', '/flows');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('unsaved drafts kept in the browser', () => {
  it('are removed when the person logs out', async () => {
    unsavedBackups.keepOnlyFor(ada.id);
    unsavedBackups.write('flow-1', adasDraft);
    serve({ loggedIn: ada });
    render(<App />);

    fireEvent.click(await screen.findByRole('button', { name: 'Log out' }));
    await screen.findByRole('heading', { name: 'Log in' });
    expect(unsavedBackups.read('flow-1')).toBeNull();
    expect(Object.keys(localStorage).filter((key) => key.startsWith('callflow.'))).toEqual([]);
    // A save that fails on its way out (the session is gone) keeps nothing either.
    unsavedBackups.write('flow-1', adasDraft);
    expect(unsavedBackups.read('flow-1')).toBeNull();
  });

  it('are removed before another person who logs in on the same browser can see them', async () => {
    // Ada's session expired without logging out: her unsaved draft is still in the browser.
    unsavedBackups.keepOnlyFor(ada.id);
    unsavedBackups.write('flow-1', adasDraft);
    serve({ loggedIn: null });
    render(<App />);

    fireEvent.change(await screen.findByLabelText('Username'), { target: { value: 'bob' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'bobs-password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    // The flows page is loaded lazily: its first import in a test run includes compiling it (over 1 s).
    await screen.findByRole('heading', { name: 'Flows' }, { timeout: 10_000 });
    expect(unsavedBackups.read('flow-1')).toBeNull();
  });

  it('stay for the same person coming back after their session expired', async () => {
    unsavedBackups.keepOnlyFor(ada.id);
    unsavedBackups.write('flow-1', adasDraft);
    serve({ loggedIn: ada });
    render(<App />);

    await screen.findByRole('button', { name: 'Log out' });
    expect(unsavedBackups.read('flow-1')).toEqual(adasDraft);
  });
});

describe('a password the person must change first', () => {
  it('shows the change-password page when any request is refused until then, not a broken page', async () => {
    // The session said nothing (an admin reset the password since), but the API refuses the flows.
    serve({ loggedIn: ada, passwordChangeRequired: true });
    render(<App />);

    await screen.findByRole('heading', { name: 'Choose a new password' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Log out' })).not.toBeNull());
  });
});
