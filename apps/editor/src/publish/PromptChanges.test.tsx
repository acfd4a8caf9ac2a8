import type { FlowDetail } from '@callflow/contract';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../calls/testing/fakeApi.ts';
import { PublishDialog } from './PublishDialog.tsx';

afterEach(() => vi.unstubAllGlobals());

const when = '2026-03-02T10:00:00.000Z';
const flow: FlowDetail = {
  id: 'f1',
  name: 'Main menu',
  revision: 4,
  createdAt: when,
  updatedAt: when,
  versionCount: 3,
  latestVersion: 3,
  publications: [{ extension: '7001', version: 3, versionId: 'v3', publishedAt: when }],
  document: {
    schemaVersion: 1,
    nodes: [{ id: 'start', kind: 'start', label: '', position: { x: 0, y: 0 }, options: { language: 'en' } }],
    edges: [],
  },
};
const live = {
  extension: '7001',
  flowId: 'f1',
  flowName: 'Main menu',
  version: 3,
  versionId: 'v3',
  publishedAt: when,
  applied: true,
};

function publishDialog() {
  return render(
    <PublishDialog
      flow={flow}
      hasErrors={false}
      saveDraft={async () => 4}
      onPublished={() => {}}
      onClose={() => {}}
    />,
  );
}

describe('the publish dialog’s prompt changes', () => {
  it('lists the prompts whose audio changed since the live version, in words', async () => {
    const api = fakeApi((url) => {
      if (url.pathname === '/api/publications') return { body: { publications: [live] } };
      if (url.pathname === '/api/flows/f1/prompt-changes')
        return {
          body: {
            extension: '7001',
            liveVersion: { flowId: 'f1', flowName: 'Main menu', number: 3 },
            changes: [{ promptId: 'p1', name: 'Welcome', changed: ['en'], added: ['ru'], removed: [] }],
          },
        };
      return undefined;
    });
    publishDialog();
    const changes = await screen.findByRole('region', { name: 'Prompts changed since the live version' });
    expect(within(changes).getByRole('listitem').textContent).toBe(
      'Welcome: new audio in English; added Russian',
    );
    expect(api.requestsTo('/api/flows/f1/prompt-changes')[0]?.get('extension')).toBe('7001');
  });

  it('asks nothing for an extension where nothing is live', async () => {
    const api = fakeApi((url) =>
      url.pathname === '/api/publications' ? { body: { publications: [live] } } : undefined,
    );
    publishDialog();
    fireEvent.change(screen.getByLabelText('Extension'), { target: { value: '7002' } });
    await screen.findByText('Nothing answers 7002 now.');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(
      api.requestsTo('/api/flows/f1/prompt-changes').map((query) => query.get('extension')),
    ).not.toContain('7002');
    expect(screen.queryByRole('region', { name: 'Prompts changed since the live version' })).toBeNull();
  });
});
