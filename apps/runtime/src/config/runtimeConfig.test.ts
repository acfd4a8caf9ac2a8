import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuntimeConfig } from './runtimeConfig.ts';

const base = { ARI_URL: 'http://127.0.0.1:8088', ARI_USERNAME: 'callflow', ARI_PASSWORD: 'pw' };

describe('loadRuntimeConfig', () => {
  it('applies defaults', () => {
    expect(loadRuntimeConfig(base)).toMatchObject({
      CALLFLOW_APP_PREFIX: 'callflow-',
      CALLFLOW_STEP_LIMIT: 1000,
      CALLFLOW_POLL_MS: 250,
    });
    expect(loadRuntimeConfig(base).CALLFLOW_HTTP_ALLOW.entries).toEqual([]);
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

  it('reads the password from ARI_PASSWORD_FILE', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'ari-password');
    writeFileSync(file, 'from-file\n');
    const { ARI_PASSWORD: _, ...withoutPassword } = base;
    expect(loadRuntimeConfig({ ...withoutPassword, ARI_PASSWORD_FILE: file }).ARI_PASSWORD).toBe('from-file');
  });
});
