import type { ServerStatus } from '@callflow/contract';
import { describe, expect, it } from 'vitest';
import { appRegistered } from './appRegistered.ts';
import { heardAgo } from './heardAgo.ts';
import { phoneSystemSummary } from './phoneSystemSummary.ts';
import { phoneSystemWords } from './phoneSystemWords.ts';

const checkedAt = '2026-03-02T10:06:00.000Z';

function server(overrides: Partial<ServerStatus> = {}): ServerStatus {
  return {
    asteriskServer: 'pbx-1',
    connected: true,
    stale: false,
    asteriskVersion: '22.1.0~dfsg+~cs6.15.60671435-1',
    apps: ['callflow-6001', 'callflow-6002', 'callflow-7080'],
    serving: { '6001': 'v-1', '6002': 'v-2', '7080': 'v-3' },
    startedAt: '2026-03-02T09:00:00.000Z',
    updatedAt: '2026-03-02T10:05:58.000Z',
    ...overrides,
  };
}

describe('phoneSystemSummary (the status bar)', () => {
  it('says the phone system is connected and how many extensions answer, the version only in detail', () => {
    const summary = phoneSystemSummary({ servers: [server()], checkedAt });
    expect(summary).toMatchObject({ state: 'ok', text: 'Phone system connected · 3 extensions answering' });
    expect(summary.text).not.toMatch(/22\.1|apps|registered/);
    expect(summary.detail).toBe('pbx-1: Asterisk 22.1.0~dfsg+~cs6.15.60671435-1');
    const one = phoneSystemSummary({ servers: [server({ serving: { '6001': 'v-1' } })], checkedAt });
    expect(one.text).toBe('Phone system connected · 1 extension answering');
  });

  it('says what to do when the runtime is not running', () => {
    for (const servers of [[], [server({ stale: true, connected: false })]]) {
      const summary = phoneSystemSummary({ servers, checkedAt });
      expect(summary.state).toBe('down');
      expect(summary.text).toBe('Phone system not connected: Callflow’s runtime is not running');
      expect(summary.detail).toMatch(/Start it/);
    }
  });

  it('says what to do when Asterisk does not answer the runtime', () => {
    const summary = phoneSystemSummary({ servers: [server({ connected: false, apps: [] })], checkedAt });
    expect(summary.state).toBe('down');
    expect(summary.text).toBe('Phone system not connected');
    expect(summary.detail).toMatch(/cannot reach Asterisk.*Check that Asterisk is running/);
  });
});

describe('phoneSystemWords (a server card)', () => {
  it('says when a connected server was last heard from', () => {
    expect(phoneSystemWords(server(), checkedAt)).toEqual({
      state: 'connected',
      headline: 'Connected',
      detail: 'Last heard from just now · 3 extensions registered.',
    });
  });

  it('names the extensions not registered when only some are', () => {
    const words = phoneSystemWords(server({ connected: false, apps: ['callflow-6001'] }), checkedAt);
    expect(words.state).toBe('not_connected');
    expect(words.detail).toMatch(/^2 of 3 extensions are not registered with Asterisk \(6002, 7080\)/);
  });

  it('tells a runtime that stopped reporting from one that is cut off from Asterisk', () => {
    const silent = phoneSystemWords(server({ stale: true, connected: false }), checkedAt);
    expect(silent.state).toBe('silent');
    expect(silent.detail).toMatch(/has not reported since .*: it is stopped, or cannot reach the database/);
  });
});

describe('heardAgo and appRegistered', () => {
  it('counts seconds, then minutes, then gives the instant', () => {
    expect(heardAgo('2026-03-02T10:05:58.000Z', checkedAt)).toBe('just now');
    expect(heardAgo('2026-03-02T10:05:48.000Z', checkedAt)).toBe('12 s ago');
    expect(heardAgo('2026-03-02T09:58:00.000Z', checkedAt)).toBe('8 min ago');
    expect(heardAgo('2026-03-01T09:00:00.000Z', checkedAt)).toMatch(/^Yesterday /);
  });

  it('gives an app to the longest extension its name ends with', () => {
    const partly = server({ connected: false, apps: ['callflow-101'], serving: { '01': 'a', '101': 'b' } });
    expect(appRegistered(partly, '101')).toBe(true);
    expect(appRegistered(partly, '01')).toBe(false);
  });
});
