import type { FlowDetail } from '@callflow/contract';
import { flowDocument } from '@callflow/flow';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { SessionProvider, useSession } from '../auth/SessionContext.tsx';
import type { DraftDocument } from './DraftDocument.ts';
import FlowEditorPage from './FlowEditorPage.tsx';
import { type HeldDraftSaves, holdDraftSaves } from './testing/heldDraftSaves.ts';
import { unsavedBackups } from './unsavedBackups.ts';

/** The flow's start node labelled `label`, followed by a hangup. */
const documentWith = (label: string): DraftDocument => ({
  schemaVersion: 1,
  nodes: [
    { id: 'start', kind: 'start', label, position: { x: 0, y: 0 }, options: {} },
    { id: 'bye', kind: 'hangup', label: 'Goodbye', position: { x: 260, y: 0 }, options: {} },
  ],
  edges: [{ id: 'e1', source: 'start', port: 'next', target: 'bye' }],
});

const savedFlow = (revision: number): FlowDetail => ({
  id: 'flow-1',
  name: 'Reception',
  revision,
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
  versionCount: 0,
  latestVersion: null,
  publications: [],
  document: flowDocument.parse(documentWith('Saved on the server')),
});

const editor = { id: 'user-1', username: 'ann', role: 'editor', mustChangePassword: false };

/** The API: the logged-in editor and the flow at `revision`; draft saves wait for the test. */
function serveFlow(revision: number): HeldDraftSaves {
  return holdDraftSaves((url) => {
    if (url.pathname === '/api/session') return editor;
    if (url.pathname === '/api/flows/flow-1') return savedFlow(revision);
    return undefined;
  });
}

/** The editor's pages only render for a logged-in person, as in the app. */
function LoggedIn({ children }: { children: ReactNode }) {
  const { user } = useSession();
  return user === null || user === undefined ? null : children;
}

/** Under StrictMode, as main.tsx renders the app: effects run twice in development. */
function openEditor() {
  const location = memoryLocation({ path: '/flows/flow-1' });
  render(
    <StrictMode>
      <Router hook={location.hook} searchHook={location.searchHook}>
        <SessionProvider>
          <LoggedIn>
            <FlowEditorPage flowId="flow-1" />
          </LoggedIn>
        </SessionProvider>
      </Router>
    </StrictMode>,
  );
}

/** The banner saying kept changes are back (waited for: timers are fake, RTL's find* would hang). */
const restoredNotice = () =>
  until(() => expect(screen.getByText(/Changes you made here earlier had not been saved/)).toBeTruthy());
const startNodeText = () => screen.getByTestId('node-start').textContent ?? '';
const saveStatus = () => screen.getByTestId('save-status').textContent;

/** Lets the autosave's quiet time pass (timers are fake), twice over. */
const passQuietTime = () => act(() => vi.advanceTimersByTimeAsync(2000));

/** Tries `check` until it passes, letting answers be processed in between; gives up after 3 s. */
async function until(check: () => void): Promise<void> {
  const giveUpAt = performance.now() + 3000;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (performance.now() > giveUpAt) throw error;
    }
    await act(() => new Promise<void>((resolve) => setImmediate(resolve)));
  }
}

beforeEach(() => {
  localStorage.clear();
  // What an earlier visit left: the start node renamed, never accepted by the server (revision 4).
  unsavedBackups.keepOnlyFor('user-1');
  unsavedBackups.write('flow-1', { revision: 4, document: documentWith('Changed before the tab closed') });
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the flow editor with unsaved changes kept in this browser', () => {
  it('puts them back on the canvas, says so, and saves them once the person keeps them', async () => {
    const api = serveFlow(4);
    openEditor();

    await restoredNotice();
    expect(startNodeText()).toContain('Changed before the tab closed');
    expect(saveStatus()).toBe('Unsaved changes');
    // Nothing is sent while the person has not chosen.
    await passQuietTime();
    expect(api.saves).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Keep' }));
    await passQuietTime();
    await until(() => expect(api.saves).toHaveLength(1));
    expect(api.saves[0]).toMatchObject({
      revision: 4,
      document: documentWith('Changed before the tab closed'),
    });
    api.saves[0]?.accept(5);

    await until(() => expect(saveStatus()).toBe('All changes saved'));
    expect(unsavedBackups.read('flow-1')).toBeNull();
    expect(screen.queryByText(/Changes you made here earlier/)).toBeNull();
    // Once: nothing more is sent after the quiet time that follows the answer.
    await passQuietTime();
    expect(api.saves).toHaveLength(1);
    expect(saveStatus()).toBe('All changes saved');
  });

  it('shows the saved draft and forgets the kept changes when the person discards them', async () => {
    const api = serveFlow(4);
    openEditor();
    await restoredNotice();
    // The person takes a while to decide.
    await passQuietTime();

    fireEvent.click(screen.getByRole('button', { name: 'Discard them' }));

    await until(() => expect(startNodeText()).toContain('Saved on the server'));
    expect(screen.queryByText(/Changes you made here earlier/)).toBeNull();
    expect(unsavedBackups.read('flow-1')).toBeNull();
    await passQuietTime();
    expect(api.saves).toHaveLength(0);
  });

  it('keeps them once the person goes on editing on top of them', async () => {
    const api = serveFlow(4);
    openEditor();
    await restoredNotice();

    fireEvent.click(screen.getByTestId('node-start'));
    await until(() => expect(screen.getByLabelText('Label')).toBeTruthy());
    fireEvent.change(screen.getByLabelText('Label'), { target: { value: 'Edited after restoring' } });

    await until(() => expect(screen.queryByText(/Changes you made here earlier/)).toBeNull());
    await passQuietTime();
    await until(() => expect(api.saves).toHaveLength(1));
    expect(api.saves[0]).toMatchObject({ revision: 4, document: documentWith('Edited after restoring') });
  });

  it('does not put back changes made on a revision someone else has saved over', async () => {
    const api = serveFlow(5);
    openEditor();

    await until(() => expect(startNodeText()).toContain('Saved on the server'));
    expect(screen.queryByText(/Changes you made here earlier/)).toBeNull();
    await passQuietTime();
    expect(api.saves).toHaveLength(0);
  });
});
