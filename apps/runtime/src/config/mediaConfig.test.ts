import { describe, expect, it } from 'vitest';
import { mediaBaseUrlOf } from './mediaConfig.ts';
import { loadRuntimeConfig } from './runtimeConfig.ts';

const base = { ARI_URL: 'http://127.0.0.1:8088', ARI_USERNAME: 'callflow', ARI_PASSWORD: 'pw' };
const megabyte = 1024 * 1024;

describe('the prompt media settings', () => {
  it('listen on loopback port 8099 and keep 64 MB of library audio and of speech by default, speaking within 5 s, 4 at once', () => {
    const config = loadRuntimeConfig(base);
    expect(config.CALLFLOW_MEDIA_URL).toBeUndefined();
    expect(config).toMatchObject({
      CALLFLOW_MEDIA_LISTEN: { host: '127.0.0.1', port: 8099 },
      CALLFLOW_MEDIA_CACHE_MB: 64 * megabyte,
      CALLFLOW_SPEECH_CACHE_MB: 64 * megabyte,
      CALLFLOW_SPEECH_TIMEOUT_MS: 5000,
      CALLFLOW_SPEECH_CONCURRENCY: 4,
    });
    expect(mediaBaseUrlOf(undefined, { host: '127.0.0.1', port: 8099 })).toBe('http://127.0.0.1:8099/media');
    expect(mediaBaseUrlOf(undefined, { host: '::1', port: 40000 })).toBe('http://[::1]:40000/media');
  });

  it('read the listen address, an IPv6 one in brackets, and the URL Asterisk uses (trailing slashes dropped)', () => {
    const config = loadRuntimeConfig({
      ...base,
      CALLFLOW_MEDIA_LISTEN: '[::]:9000',
      CALLFLOW_MEDIA_URL: 'https://runtime.example.com:8443/callflow/media/',
      CALLFLOW_MEDIA_CACHE_MB: '16',
      CALLFLOW_SPEECH_TIMEOUT_MS: '2500',
    });
    expect(config.CALLFLOW_MEDIA_LISTEN).toEqual({ host: '::', port: 9000 });
    expect(config.CALLFLOW_MEDIA_URL).toBe('https://runtime.example.com:8443/callflow/media');
    expect(config.CALLFLOW_MEDIA_CACHE_MB).toBe(16 * megabyte);
    expect(mediaBaseUrlOf(config.CALLFLOW_MEDIA_URL, { host: '::', port: 9000 })).toBe(
      'https://runtime.example.com:8443/callflow/media',
    );
  });

  it('need CALLFLOW_MEDIA_URL when the listener binds every address: Asterisk could not be told where it is', () => {
    expect(() => loadRuntimeConfig({ ...base, CALLFLOW_MEDIA_LISTEN: '0.0.0.0:8099' })).toThrow(
      'CALLFLOW_MEDIA_URL must be set when CALLFLOW_MEDIA_LISTEN listens on every address',
    );
    expect(
      loadRuntimeConfig({
        ...base,
        CALLFLOW_MEDIA_LISTEN: '0.0.0.0:8099',
        CALLFLOW_MEDIA_URL: 'http://10.0.0.5:8099/media',
      }).CALLFLOW_MEDIA_URL,
    ).toBe('http://10.0.0.5:8099/media');
  });

  it('refuse a URL that could carry more than a base: commas (ARI separates media with them), queries, credentials, other schemes', () => {
    for (const url of [
      'http://a,b/media',
      'http://host/media?x=1',
      'http://user:pass@host/media',
      'ftp://host/media',
      'sound:hello',
      'http://host/media#x',
      'http://host/me dia',
    ]) {
      expect(() => loadRuntimeConfig({ ...base, CALLFLOW_MEDIA_URL: url }), url).toThrow(
        /CALLFLOW_MEDIA_URL must be an http:\/\/ or https:\/\/ URL without query, credentials or commas/,
      );
    }
  });

  it('name a bad listen address, cache size, timeout or concurrency and why', () => {
    expect(() => loadRuntimeConfig({ ...base, CALLFLOW_MEDIA_LISTEN: '8099' })).toThrow(
      'CALLFLOW_MEDIA_LISTEN must be host:port to listen on',
    );
    expect(() => loadRuntimeConfig({ ...base, CALLFLOW_MEDIA_LISTEN: '127.0.0.1:70000' })).toThrow(
      'CALLFLOW_MEDIA_LISTEN must be host:port to listen on',
    );
    expect(() => loadRuntimeConfig({ ...base, CALLFLOW_SPEECH_CACHE_MB: '0' })).toThrow(
      'CALLFLOW_SPEECH_CACHE_MB must be at least 1 (megabytes of call-time speech kept in memory)',
    );
    expect(() => loadRuntimeConfig({ ...base, CALLFLOW_SPEECH_TIMEOUT_MS: '50' })).toThrow(
      'CALLFLOW_SPEECH_TIMEOUT_MS must be at least 100 (milliseconds to render speech during a call)',
    );
    expect(() => loadRuntimeConfig({ ...base, CALLFLOW_SPEECH_CONCURRENCY: 'many' })).toThrow(
      /CALLFLOW_SPEECH_CONCURRENCY must be a whole number/,
    );
  });
});
