import type { FlowDetail } from '@callflow/contract';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../calls/testing/fakeApi.ts';
import { VersionsPanel } from './VersionsPanel.tsx';

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
  versionCount: 3,
  latestVersion: 3,
  publications: [
    { extension: '7082', version: 2, versionId: 'v2', publishedAt: when },
    { extension: '7083', version: 3, versionId: 'v3', publishedAt: when },
  ],
  document: { schemaVersion: 1, nodes: [], edges: [] },
};

const version = (number: number, liveOn: string[]) => ({
  id: `v${number}`,
  number,
  note: number === 1 ? 'First cut' : '',
  author: 'admin',
  schemaVersion: 1,
  createdAt: when,
  liveOn,
});

describe('VersionsPanel', () => {
  it('shows when each version was made on one line, with the year, and rolls extensions back only', async () => {
    // The dialog is the browser's own <dialog>; jsdom has no showModal.
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.open = true;
    };
    fakeApi((url) =>
      url.pathname === '/api/flows/f1/versions'
        ? { body: { versions: [version(3, ['7083']), version(2, ['7082']), version(1, [])] } }
        : undefined,
    );
    render(<VersionsPanel flow={flow} readOnly={false} onRolledBack={() => {}} onClose={() => {}} />);
    const table = await screen.findByTestId('versions-table');
    const made = within(table).getAllByText(/2026/);
    expect(made).toHaveLength(3);
    // One short line ("3 Dec 2026, 14:03" in British English), the full date in its tooltip.
    expect(made[0]?.textContent).not.toMatch(/\n/);
    expect(made[0]?.getAttribute('title')).toMatch(/2026/);
    expect(within(table).getAllByText('by admin')).toHaveLength(3);
    expect(
      within(table)
        .getAllByRole('button', { name: /^Roll/ })
        .map((button) => button.textContent),
    ).toEqual(['Roll 7083 back to v2', 'Roll 7082 back to v1', 'Roll 7083 back to v1']);
  });
});
