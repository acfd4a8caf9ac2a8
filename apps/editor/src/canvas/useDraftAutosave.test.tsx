import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../calls/testing/fakeApi.ts';
import type { DraftDocument } from './DraftDocument.ts';
import { holdDraftSaves } from './testing/heldDraftSaves.ts';
import { unsavedBackups } from './unsavedBackups.ts';
import { useDraftAutosave } from './useDraftAutosave.ts';

const starter: DraftDocument = {
  schemaVersion: 1,
  nodes: [{ id: 'start', kind: 'start', label: '', position: { x: 0, y: 0 }, options: {} }],
  edges: [],
};
/** The starter flow with its node labelled `label`. */
const labelled = (label: string): DraftDocument => ({
  ...starter,
  nodes: [{ id: 'start', kind: 'start', label, position: { x: 0, y: 0 }, options: {} }],
});
const renamed = labelled('Incoming');
/**
 * A label past the longest any draft keeps: the server would refuse the draft outright. (A field half
 * filled in or out of range is not that: the server keeps such a draft.)
 */
const unstorable = labelled('x'.repeat(1001));
/** A setting the kind does not know, as a field half typed: the flow cannot run it, the server keeps it. */
const halfTyped: DraftDocument = {
  ...starter,
  nodes: [{ id: 'start', kind: 'start', label: '', position: { x: 0, y: 0 }, options: { half: 'typ' } }],
};

interface Props {
  readonly document: DraftDocument;
  readonly changeCount: number;
}

function renderAutosave() {
  return renderHook(
    ({ document, changeCount }: Props) =>
      useDraftAutosave({
        flowId: 'flow-1',
        document,
        changeCount,
        initialRevision: 4,
        enabled: true,
        onReload: async () => {},
      }),
    { initialProps: { document: starter, changeCount: 0 } },
  );
}

function serveDraftSaves() {
  const saves: string[] = [];
  const api = fakeApi((url, method) => {
    if (url.pathname !== '/api/flows/flow-1/draft' || method !== 'PUT') return undefined;
    saves.push(method);
    return { body: { revision: 5, updatedAt: '2026-03-02T10:00:00.000Z', ok: true, problems: [] } };
  });
  return { api, saves };
}

beforeEach(() => {
  localStorage.clear();
  // The editor is only ever open for a logged-in person, whose backups these are.
  unsavedBackups.keepOnlyFor('user-1');
});

afterEach(() => {
  // Unmounted while the fake fetch is still in place: closing the editor may save.
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** The quiet time after a change passes (timers are fake), and what it started begins. */
const passQuietTime = () => act(() => vi.advanceTimersByTimeAsync(800));

/** Tries `check` until it passes, letting answers be processed in between; gives up after 2 s. */
async function until(check: () => void): Promise<void> {
  const giveUpAt = performance.now() + 2000;
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

describe('useDraftAutosave', () => {
  it('saves a change made just before the editor closes instead of dropping it', async () => {
    const { saves } = serveDraftSaves();
    const { rerender, unmount } = renderAutosave();

    rerender({ document: renamed, changeCount: 1 });
    unmount();

    await waitFor(() => expect(saves).toEqual(['PUT']));
  });

  it('keeps a change the server would refuse in this browser when the editor closes before it can be saved', async () => {
    const { saves } = serveDraftSaves();
    const { result, rerender, unmount } = renderAutosave();

    rerender({ document: unstorable, changeCount: 1 });
    await waitFor(() => expect(result.current.status.state).toBe('incomplete'), { timeout: 2000 });
    unmount();

    await waitFor(() => expect(unsavedBackups.read('flow-1')).toEqual({ revision: 4, document: unstorable }));
    expect(saves).toEqual([]);
  });

  it('saves a half-typed change on the server like any other, where another browser finds it', async () => {
    const { saves } = serveDraftSaves();
    const { result, rerender } = renderAutosave();

    rerender({ document: halfTyped, changeCount: 1 });

    await waitFor(() => expect(saves).toEqual(['PUT']), { timeout: 2000 });
    await waitFor(() => expect(result.current.status.state).toBe('saved'));
    expect(unsavedBackups.read('flow-1')).toBeNull();
  });

  it('keeps a change not saved yet in this browser when the tab is closed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const held = holdDraftSaves();
    const { rerender } = renderAutosave();
    rerender({ document: renamed, changeCount: 1 });

    // Closed within the quiet time: the save never starts, the page is gone.
    window.dispatchEvent(new Event('pagehide'));
    expect(unsavedBackups.read('flow-1')).toEqual({ revision: 4, document: renamed });
    expect(held.saves).toHaveLength(0);
  });

  it('leaves nothing in this browser when the tab is closed with everything saved', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const held = holdDraftSaves();
    const { result, rerender } = renderAutosave();
    rerender({ document: renamed, changeCount: 1 });
    await passQuietTime();
    await until(() => expect(held.saves).toHaveLength(1));
    held.saves[0]?.accept(5);
    await until(() => expect(result.current.status.state).toBe('saved'));

    window.dispatchEvent(new Event('pagehide'));
    expect(unsavedBackups.read('flow-1')).toBeNull();
  });

  it('neither saves nor keeps changes that were discarded before closing', async () => {
    const { api, saves } = serveDraftSaves();
    const { result, rerender, unmount } = renderAutosave();

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    rerender({ document: renamed, changeCount: 1 });
    result.current.discard();
    unmount();

    // Long past the quiet time: any save still planned would have been sent.
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(saves).toEqual([]);
    expect(api.requests).toEqual([]);
    expect(unsavedBackups.read('flow-1')).toBeNull();
  });
});

describe('useDraftAutosave started with changes the server has not seen', () => {
  it('shows them unsaved and holds them while paused, under StrictMode too, then sends them once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const held = holdDraftSaves();
    // As the editor opens with changes put back from this browser: the server's draft was change 0.
    const { result, rerender } = renderHook(
      ({ paused }: { paused: boolean }) =>
        useDraftAutosave({
          flowId: 'flow-1',
          document: renamed,
          changeCount: 1,
          savedChangeCount: 0,
          initialRevision: 4,
          enabled: true,
          paused,
          onReload: async () => {},
        }),
      { initialProps: { paused: true }, wrapper: StrictMode },
    );
    expect(result.current.status.state).toBe('pending');
    await passQuietTime();
    expect(held.saves).toHaveLength(0);

    rerender({ paused: false });
    await passQuietTime();
    await until(() => expect(held.saves).toHaveLength(1));
    expect(held.saves[0]).toMatchObject({ revision: 4, document: renamed });
    held.saves[0]?.accept(5);
    await until(() => expect(result.current.status.state).toBe('saved'));
    await passQuietTime();
    expect(held.saves).toHaveLength(1);
  });
});

describe('useDraftAutosave with a change made while a save is on its way', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });

  /** The first change is saved and its request is left waiting for the server. */
  async function firstSaveOnItsWay() {
    const held = holdDraftSaves();
    const hook = renderAutosave();
    hook.rerender({ document: labelled('First'), changeCount: 1 });
    await passQuietTime();
    await until(() => expect(held.saves).toHaveLength(1));
    expect(held.saves[0]).toMatchObject({ revision: 4, document: labelled('First') });
    expect(hook.result.current.status.state).toBe('saving');
    return { held, ...hook };
  }

  it('sends the later change only after the answer, at the revision that answer gave', async () => {
    const { held, result, rerender } = await firstSaveOnItsWay();
    rerender({ document: labelled('Second'), changeCount: 2 });
    await passQuietTime();
    // One save at a time: the later change waits for the answer instead of racing it.
    expect(held.saves).toHaveLength(1);

    held.saves[0]?.accept(5);
    await until(() => expect(held.saves).toHaveLength(2));
    expect(held.saves[1]).toMatchObject({ revision: 5, document: labelled('Second') });
    held.saves[1]?.accept(6);

    await until(() => expect(result.current.status.state).toBe('saved'));
    expect(result.current.revision).toBe(6);
    expect(unsavedBackups.read('flow-1')).toBeNull();
    await passQuietTime();
    expect(held.saves).toHaveLength(2);
  });

  it('does not say "saved" when the answer comes back before the later change is saved', async () => {
    const { held, result, rerender } = await firstSaveOnItsWay();
    rerender({ document: labelled('Second'), changeCount: 2 });

    held.saves[0]?.accept(5);
    await until(() => expect(result.current.revision).toBe(5));
    expect(result.current.status.state).toBe('pending');

    await passQuietTime();
    await until(() => expect(held.saves).toHaveLength(2));
    expect(held.saves[1]).toMatchObject({ revision: 5, document: labelled('Second') });
  });

  it('keeps the later change in this browser when the save on its way fails, and saves it next', async () => {
    const { held, result, rerender } = await firstSaveOnItsWay();
    rerender({ document: labelled('Second'), changeCount: 2 });

    held.saves[0]?.fail();
    await until(() => expect(result.current.status.state).toBe('failed'));
    expect(unsavedBackups.read('flow-1')).toEqual({ revision: 4, document: labelled('Second') });

    await passQuietTime();
    await until(() => expect(held.saves).toHaveLength(2));
    expect(held.saves[1]).toMatchObject({ revision: 4, document: labelled('Second') });
    held.saves[1]?.accept(5);
    await until(() => expect(result.current.status.state).toBe('saved'));
    expect(unsavedBackups.read('flow-1')).toBeNull();
  });

  it('on a conflict, keeps every later change in this browser and sends nothing until the person chooses', async () => {
    const { held, result, rerender } = await firstSaveOnItsWay();
    rerender({ document: labelled('Second'), changeCount: 2 });

    held.saves[0]?.refuseAsStale(7);
    await until(() => expect(result.current.status).toEqual({ state: 'conflict', theirRevision: 7 }));
    expect(unsavedBackups.read('flow-1')).toEqual({ revision: 4, document: labelled('Second') });

    // Still editing while the choice is open: kept here, not sent.
    rerender({ document: labelled('Third'), changeCount: 3 });
    await passQuietTime();
    await passQuietTime();
    expect(held.saves).toHaveLength(1);
    expect(unsavedBackups.read('flow-1')).toEqual({ revision: 4, document: labelled('Third') });

    act(() => result.current.overwrite());
    await until(() => expect(held.saves).toHaveLength(2));
    expect(held.saves[1]).toMatchObject({ revision: 7, document: labelled('Third') });
    held.saves[1]?.accept(8);
    await until(() => expect(result.current.status.state).toBe('saved'));
    expect(result.current.revision).toBe(8);
    expect(unsavedBackups.read('flow-1')).toBeNull();
  });
});
