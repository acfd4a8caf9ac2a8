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
