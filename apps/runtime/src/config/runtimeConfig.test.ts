import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ariServersFromEnv, ConfigError } from '@callflow/ari';
import { describe, expect, it } from 'vitest';
import { callLimitsOf, loadRuntimeConfig } from './runtimeConfig.ts';

const base = { ARI_URL: 'http://127.0.0.1:8088', ARI_USERNAME: 'callflow', ARI_PASSWORD: 'pw' };

describe('loadRuntimeConfig', () => {
  it('applies defaults', () => {
    expect(loadRuntimeConfig(base)).toMatchObject({
      CALLFLOW_APP_PREFIX: 'callflow-',
      CALLFLOW_STEP_LIMIT: 1000,
      CALLFLOW_POLL_MS: 250,
      CALLFLOW_CALL_LOG_BUFFER: 100_000,
      CALLFLOW_CALL_LOG_FLUSH_MS: 250,
    });
    expect(loadRuntimeConfig(base).CALLFLOW_HTTP_ALLOW.entries).toEqual([]);
  });

  it('reads the call log buffer bound, and refuses one too small to ride out an outage', () => {
    expect(loadRuntimeConfig({ ...base, CALLFLOW_CALL_LOG_BUFFER: '500000' }).CALLFLOW_CALL_LOG_BUFFER).toBe(
      500_000,
    );
    expect(() => loadRuntimeConfig({ ...base, CALLFLOW_CALL_LOG_BUFFER: '10' })).toThrow(
      'CALLFLOW_CALL_LOG_BUFFER must be at least 100 (steps kept while the database is down)',
    );
    expect(() => loadRuntimeConfig({ ...base, CALLFLOW_CALL_LOG_BUFFER: 'lots' })).toThrow(
      /CALLFLOW_CALL_LOG_BUFFER/,
    );
  });

  it('reads how long call log entries wait to be written together, within 10 ms to 5 s', () => {
    expect(
      loadRuntimeConfig({ ...base, CALLFLOW_CALL_LOG_FLUSH_MS: '1000' }).CALLFLOW_CALL_LOG_FLUSH_MS,
    ).toBe(1000);
    expect(() => loadRuntimeConfig({ ...base, CALLFLOW_CALL_LOG_FLUSH_MS: '0' })).toThrow(
      'CALLFLOW_CALL_LOG_FLUSH_MS must be at least 10 (milliseconds between call log writes)',
    );
    expect(() => loadRuntimeConfig({ ...base, CALLFLOW_CALL_LOG_FLUSH_MS: '60000' })).toThrow(
      'CALLFLOW_CALL_LOG_FLUSH_MS must be at most 5000 (milliseconds between call log writes)',
    );
  });

  it('gives calls in progress 10 s at shutdown unless told otherwise, 0 to 3600 s', () => {
    expect(loadRuntimeConfig(base).CALLFLOW_STOP_GRACE_SECONDS).toBe(5);
    expect(loadRuntimeConfig({ ...base, CALLFLOW_STOP_GRACE_SECONDS: '0' }).CALLFLOW_STOP_GRACE_SECONDS).toBe(
      0,
    );
    expect(() => loadRuntimeConfig({ ...base, CALLFLOW_STOP_GRACE_SECONDS: '-1' })).toThrow(
      'CALLFLOW_STOP_GRACE_SECONDS must be at least 0 (seconds calls in progress may go on at shutdown)',
    );
    expect(() => loadRuntimeConfig({ ...base, CALLFLOW_STOP_GRACE_SECONDS: '2.5' })).toThrow(
      'CALLFLOW_STOP_GRACE_SECONDS must be a whole number of seconds',
    );
  });

  it('limits calls, their length, their time in a bridge, their buffered digits and HTTP lookups by default', () => {
    expect(callLimitsOf(loadRuntimeConfig(base))).toEqual({
      maxCalls: 500,
      maxCallsPerExtension: 200,
      maxCallMs: 4 * 3600 * 1000,
      maxBridgeMs: 2 * 3600 * 1000,
      maxBufferedDigits: 64,
      maxHttpLookups: 20,
    });
  });

  it('reads each call limit, and names a bad one and why', () => {
    const config = loadRuntimeConfig({
      ...base,
      CALLFLOW_MAX_CALLS: '50',
      CALLFLOW_MAX_CALLS_PER_EXTENSION: '5',
      CALLFLOW_MAX_CALL_SECONDS: '3',
      CALLFLOW_MAX_BRIDGE_SECONDS: '2',
      CALLFLOW_MAX_BUFFERED_DIGITS: '16',
      CALLFLOW_MAX_HTTP_LOOKUPS_PER_CALL: '0',
    });
    expect(callLimitsOf(config)).toEqual({
      maxCalls: 50,
      maxCallsPerExtension: 5,
      maxCallMs: 3000,
      maxBridgeMs: 2000,
      maxBufferedDigits: 16,
      maxHttpLookups: 0,
    });
    expect(() =>
      loadRuntimeConfig({
        ...base,
        CALLFLOW_MAX_CALLS: '0',
        CALLFLOW_MAX_CALLS_PER_EXTENSION: 'many',
        CALLFLOW_MAX_CALL_SECONDS: '1.5',
        CALLFLOW_MAX_BRIDGE_SECONDS: '9999999',
        CALLFLOW_MAX_BUFFERED_DIGITS: '0',
        CALLFLOW_MAX_HTTP_LOOKUPS_PER_CALL: '-1',
      }),
    ).toThrow(
      [
        'invalid runtime configuration:',
        '  CALLFLOW_MAX_CALLS must be at least 1 (calls in progress over every Asterisk server)',
        '  CALLFLOW_MAX_CALLS_PER_EXTENSION must be a whole number (calls in progress on one extension)',
        '  CALLFLOW_MAX_CALL_SECONDS must be a whole number (seconds a call may last)',
        '  CALLFLOW_MAX_BRIDGE_SECONDS must be at most 604800 (seconds a caller may stay in a bridge or an answered dial)',
        '  CALLFLOW_MAX_BUFFERED_DIGITS must be at least 1 (digits kept until the flow reads them)',
        '  CALLFLOW_MAX_HTTP_LOOKUPS_PER_CALL must be at least 0 (HTTP lookups one call may make)',
      ].join('\n'),
    );
  });

  it('reads the HTTP lookup allow list', () => {
    const config = loadRuntimeConfig({ ...base, CALLFLOW_HTTP_ALLOW: '127.0.0.1, crm.internal,10.1.0.0/16' });
    expect(config.CALLFLOW_HTTP_ALLOW.entries).toEqual(['127.0.0.1', 'crm.internal', '10.1.0.0/16']);
    expect(config.CALLFLOW_HTTP_ALLOW.allowsAddress('10.1.2.3')).toBe(true);
  });

  it('names a bad CIDR range in the allow list and why', () => {
    expect(() => loadRuntimeConfig({ ...base, CALLFLOW_HTTP_ALLOW: 'crm.internal,10.1.0.0/40' })).toThrow(
      'invalid runtime configuration:\n  CALLFLOW_HTTP_ALLOW has an invalid entry: "10.1.0.0/40" is not a valid CIDR range: the prefix length must be a whole number from 0 to 32 for an IPv4 network',
    );
    expect(() => loadRuntimeConfig({ ...base, CALLFLOW_HTTP_ALLOW: '300.1.0.0/16' })).toThrow(
      /CALLFLOW_HTTP_ALLOW has an invalid entry: "300\.1\.0\.0\/16" is not a valid CIDR range: "300\.1\.0\.0" is not an IP address/,
    );
  });

  it('names every missing or invalid variable and why', () => {
    expect(() => loadRuntimeConfig({ ARI_URL: 'ftp://x', CALLFLOW_STEP_LIMIT: 'many' })).toThrow(
      /ARI_URL must be an http\(s\) URL[\s\S]*ARI_USERNAME is not set[\s\S]*ARI_PASSWORD is not set[\s\S]*CALLFLOW_STEP_LIMIT/,
    );
  });

  it('reads the servers alone without the other settings, one problem per line (what the API uses)', () => {
    const servers = ariServersFromEnv({ ...base, CALLFLOW_STEP_LIMIT: 'not looked at' });
    expect(servers).toEqual([
      { name: '127.0.0.1:8088', url: 'http://127.0.0.1:8088', username: 'callflow', password: 'pw' },
    ]);
    const error = (() => {
      try {
        ariServersFromEnv({ ARI_URL: 'http://127.0.0.1:8088' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error instanceof ConfigError && error.problems).toEqual([
      'ARI_USERNAME is not set: it must name the ARI user from ari.conf',
      'ARI_PASSWORD is not set: it must be the ARI user’s password (or set ARI_PASSWORD_FILE)',
    ]);
  });

  it('never repeats a secret in its errors', () => {
    let message = '';
    try {
      loadRuntimeConfig({ ...base, ARI_PASSWORD: '', CALLFLOW_APP_PREFIX: 'bad prefix!' });
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/CALLFLOW_APP_PREFIX/);
    expect(message).not.toContain('bad prefix!');
  });

  it('serves Prometheus metrics on 127.0.0.1:9464 unless told otherwise; 0 picks a free port; off disables', () => {
    expect(loadRuntimeConfig(base)).toMatchObject({
      CALLFLOW_METRICS_PORT: 9464,
      CALLFLOW_METRICS_HOST: '127.0.0.1',
    });
    expect(loadRuntimeConfig({ ...base, CALLFLOW_METRICS_PORT: '0' }).CALLFLOW_METRICS_PORT).toBe(0);
    expect(loadRuntimeConfig({ ...base, CALLFLOW_METRICS_PORT: 'off' }).CALLFLOW_METRICS_PORT).toBeNull();
    expect(
      loadRuntimeConfig({ ...base, CALLFLOW_METRICS_HOST: '0.0.0.0', CALLFLOW_METRICS_PORT: '9100' }),
    ).toMatchObject({ CALLFLOW_METRICS_HOST: '0.0.0.0', CALLFLOW_METRICS_PORT: 9100 });
    expect(() => loadRuntimeConfig({ ...base, CALLFLOW_METRICS_PORT: 'yes' })).toThrow(
      /CALLFLOW_METRICS_PORT must be a TCP port number \(0 picks a free one\) or off/,
    );
    expect(() => loadRuntimeConfig({ ...base, CALLFLOW_METRICS_PORT: '70000' })).toThrow(/at most 65535/);
  });

  it('names the one server by the host and port of ARI_URL', () => {
    expect(loadRuntimeConfig(base).ariServers).toEqual([
      { name: '127.0.0.1:8088', url: 'http://127.0.0.1:8088', username: 'callflow', password: 'pw' },
    ]);
  });

  it('reads several servers from ARI_SERVERS, each with its own credentials, name or host:port', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'ari-b');
    writeFileSync(file, 'b-from-file\n');
    const servers = JSON.stringify([
      { name: 'pbx-a', url: 'http://10.0.0.1:8088', username: 'cf', password: 'a-pw' },
      { url: 'https://10.0.0.2:8089/ari', username: 'other', passwordFile: file },
    ]);
    expect(loadRuntimeConfig({ ARI_SERVERS: servers }).ariServers).toEqual([
      { name: 'pbx-a', url: 'http://10.0.0.1:8088', username: 'cf', password: 'a-pw' },
      { name: '10.0.0.2:8089', url: 'https://10.0.0.2:8089/ari', username: 'other', password: 'b-from-file' },
    ]);
  });

  it('reads ARI_SERVERS from ARI_SERVERS_FILE', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'servers.json');
    writeFileSync(file, JSON.stringify([{ url: 'http://10.0.0.1:8088', username: 'cf', password: 'pw' }]));
    expect(loadRuntimeConfig({ ARI_SERVERS_FILE: file }).ariServers.map((server) => server.name)).toEqual([
      '10.0.0.1:8088',
    ]);
  });

  it('refuses ARI_SERVERS together with the one-server variables', () => {
    const servers = JSON.stringify([{ url: 'http://10.0.0.1:8088', username: 'cf', password: 'pw' }]);
    expect(() => loadRuntimeConfig({ ...base, ARI_SERVERS: servers })).toThrow(
      /ARI_URL is set together with ARI_SERVERS[\s\S]*ARI_USERNAME is set together[\s\S]*ARI_PASSWORD is set together/,
    );
  });

  it('names each bad server entry by its position and field', () => {
    const servers = JSON.stringify([
      { name: 'a', url: 'http://10.0.0.1:8088', username: 'cf', password: 'pw' },
      { name: 'a', url: 'http://10.0.0.2:8088', username: 'cf', password: 'pw' },
      { url: 'http://10.0.0.1:8088/ari/', username: 'cf', password: 'pw' },
    ]);
    expect(() => loadRuntimeConfig({ ARI_SERVERS: servers })).toThrow(
      /ARI_SERVERS\[1\]\.name repeats the server name 'a'[\s\S]*ARI_SERVERS\[2\]\.url repeats the server http:\/\/10\.0\.0\.1:8088/,
    );
    const incomplete = JSON.stringify([
      { url: 'ftp://x', username: 'cf', password: 'pw' },
      { url: 'http://10.0.0.2:8088', username: 'cf' },
      { url: 'http://10.0.0.3:8088', username: 'cf', password: 'pw', passwordFile: '/x' },
    ]);
    expect(() => loadRuntimeConfig({ ARI_SERVERS: incomplete })).toThrow(
      /ARI_SERVERS\[0\]\.url must be an http\(s\) URL[\s\S]*ARI_SERVERS\[1\]\.password is not set[\s\S]*ARI_SERVERS\[2\]\.password and passwordFile are both set/,
    );
  });

  it('never repeats ARI_SERVERS in its errors: the JSON may hold passwords', () => {
    let message = '';
    try {
      loadRuntimeConfig({ ARI_SERVERS: '[{"url":"http://a:8088","username":"cf","password":"hunter2"' });
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/ARI_SERVERS is not valid JSON/);
    expect(message).not.toContain('hunter2');
  });

  it('reads the password from ARI_PASSWORD_FILE', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'ari-password');
    writeFileSync(file, 'from-file\n');
    const { ARI_PASSWORD: _, ...withoutPassword } = base;
    expect(loadRuntimeConfig({ ...withoutPassword, ARI_PASSWORD_FILE: file }).ariServers).toEqual([
      { name: '127.0.0.1:8088', url: 'http://127.0.0.1:8088', username: 'callflow', password: 'from-file' },
    ]);
  });
});
