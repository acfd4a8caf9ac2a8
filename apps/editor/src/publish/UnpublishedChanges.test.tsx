import type { LivePublication } from '@callflow/contract';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../calls/testing/fakeApi.ts';
import type { DraftDocument } from '../canvas/DraftDocument.ts';
import { UnpublishedChanges } from './UnpublishedChanges.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const when = '2026-12-03T14:03:00.000Z';

/** Start → play “Sales message” → hang up, as version `number` has it. */
function liveDocument(): DraftDocument {
  return {
    schemaVersion: 1,
    nodes: [
      { id: 'start', kind: 'start', label: '', position: { x: 0, y: 0 }, options: { language: 'en' } },
      {
        id: 'play-1',
        kind: 'play',
        label: 'Sales message',
        position: { x: 200, y: 0 },
        options: { prompts: [{ type: 'digits', value: '1' }], language: null },
      },
      { id: 'hangup-1', kind: 'hangup', label: '', position: { x: 400, y: 0 }, options: { cause: 'normal' } },
    ],
    edges: [
      { id: 'e1', source: 'start', port: 'next', target: 'play-1' },
      { id: 'e2', source: 'play-1', port: 'next', target: 'hangup-1' },
    ],
  };
}

function serveVersion(document: DraftDocument) {
  return fakeApi((url) =>
    url.pathname === '/api/flows/f1/versions/1'
      ? {
          body: {
            id: 'v1',
            number: 1,
            note: '',
            author: 'admin',
            schemaVersion: 1,
            createdAt: when,
            liveOn: ['7080'],
            document,
          },
        }
      : undefined,
  );
}

const onExtension: LivePublication[] = [
  { extension: '7080', version: 1, versionId: 'v1', publishedAt: when },
];

describe('UnpublishedChanges', () => {
  it('says nothing while the draft is what callers hear, though nodes moved', async () => {
    const api = serveVersion(liveDocument());
    const draft = liveDocument();
    draft.nodes = draft.nodes.map((node) => ({ ...node, position: { x: node.position.x, y: 300 } }));
    render(<UnpublishedChanges flowId="f1" publications={onExtension} document={draft} />);
    await vi.waitFor(() => expect(api.requests).toContain('/api/flows/f1/versions/1'));
    // The answer is in and compared: still nothing to say.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByTestId('unpublished-changes')).toBeNull();
  });

  it('says the draft has unpublished changes, and lists them in words when asked', async () => {
    serveVersion(liveDocument());
    const draft = liveDocument();
    draft.nodes[1] = { ...draft.nodes[1], options: { prompts: [] } } as DraftDocument['nodes'][number];
    draft.nodes.push({
      id: 'play-2',
      kind: 'play',
      label: 'Support message',
      position: { x: 0, y: 0 },
      options: {},
    });
    render(<UnpublishedChanges flowId="f1" publications={onExtension} document={draft} />);
    const toggle = await screen.findByRole('button', { name: 'Unpublished changes' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    const popover = screen.getByRole('dialog', { name: 'Unpublished changes' });
    expect(popover.textContent).toContain('Callers on extension 7080 hear version 1');
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Changed “Sales message”: Prompts',
      'Added “Support message”',
    ]);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says nothing for a flow live nowhere', async () => {
    const api = serveVersion(liveDocument());
    render(<UnpublishedChanges flowId="f1" publications={[]} document={{ ...liveDocument(), nodes: [] }} />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByTestId('unpublished-changes')).toBeNull();
    expect(api.requests).toEqual([]);
  });
});
