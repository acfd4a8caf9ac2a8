import type { FlowDetail } from '@callflow/contract';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../calls/testing/fakeApi.ts';
import { PublishDialog } from './PublishDialog.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const when = '2026-12-03T14:03:00.000Z';
const flow: FlowDetail = {
  id: 'f1',
  name: 'Reception',
  revision: 7,
  createdAt: when,
  updatedAt: when,
  versionCount: 1,
  latestVersion: 1,
  publications: [],
  document: { schemaVersion: 1, nodes: [], edges: [] },
};

const live = (extension: string, flowId: string, flowName: string) => ({
  extension,
  flowId,
  flowName,
  version: 2,
  versionId: `v-${extension}`,
  publishedAt: when,
  applied: true,
});

describe('PublishDialog', () => {
  it('offers the extensions in use to pick from, this flow’s first, each with what answers it', async () => {
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.open = true;
    };
    fakeApi((url) =>
      url.pathname === '/api/publications'
        ? { body: { publications: [live('7001', 'other', 'Sales line'), live('7002', 'f1', 'Reception')] } }
        : undefined,
    );
    render(
      <PublishDialog
        flow={flow}
        hasErrors={false}
        saveDraft={async () => 7}
        onPublished={() => {}}
        onClose={() => {}}
      />,
    );
    const input = screen.getByLabelText('Extension');
    const list = screen.getByTestId('extensions-in-use');
    expect(input.getAttribute('list')).toBe(list.id);
    await vi.waitFor(() => expect(list.querySelectorAll('option')).toHaveLength(2));
    expect(
      [...list.querySelectorAll('option')].map((option) => `${option.value} ${option.textContent}`),
    ).toEqual(['7002 “Reception” version 2', '7001 “Sales line” version 2']);
  });
});
