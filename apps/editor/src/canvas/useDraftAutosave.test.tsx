import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../calls/testing/fakeApi.ts';
import type { DraftDocument } from './DraftDocument.ts';
import { unsavedBackups } from './unsavedBackups.ts';
import { useDraftAutosave } from './useDraftAutosave.ts';

const starter: DraftDocument = {
  schemaVersion: 1,
  nodes: [{ id: 'start', kind: 'start', label: '', position: { x: 0, y: 0 }, options: {} }],
  edges: [],
};
const renamed: DraftDocument = {
  ...starter,
  nodes: [{ id: 'start', kind: 'start', label: 'Incoming', position: { x: 0, y: 0 }, options: {} }],
};
/** Options are strict: one the kind does not have makes the draft something the server would not take. */
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
  vi.unstubAllGlobals();
});

describe('useDraftAutosave', () => {
  it('saves a change made just before the editor closes instead of dropping it', async () => {
    const { saves } = serveDraftSaves();
    const { rerender, unmount } = renderAutosave();

    rerender({ document: renamed, changeCount: 1 });
    unmount();

    await waitFor(() => expect(saves).toEqual(['PUT']));
  });

  it('keeps a half-typed change in this browser when the editor closes before it can be saved', async () => {
    const { saves } = serveDraftSaves();
    const { rerender, unmount } = renderAutosave();

    rerender({ document: halfTyped, changeCount: 1 });
    unmount();

    await waitFor(() => expect(unsavedBackups.read('flow-1')).toEqual({ revision: 4, document: halfTyped }));
    expect(saves).toEqual([]);
  });

  it('neither saves nor keeps changes that were discarded before closing', async () => {
    const { api, saves } = serveDraftSaves();
    const { result, rerender, unmount } = renderAutosave();

    rerender({ document: renamed, changeCount: 1 });
    result.current.discard();
    unmount();

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(saves).toEqual([]);
    expect(api.requests).toEqual([]);
    expect(unsavedBackups.read('flow-1')).toBeNull();
  });
});
