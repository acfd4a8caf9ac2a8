import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApiConfig } from '../src/config/apiConfig.ts';
import { passwordFile } from './twoAriServers.ts';

describe('the API’s Asterisk servers, read with the runtime’s parser', () => {
  it('has none when no ARI variable is set', () => {
    expect(loadApiConfig({}).ariServers).toEqual([]);
    expect(loadApiConfig({ ARI_URL: undefined }).ariServers).toEqual([]);
  });

  it('names the one server of ARI_URL by its host:port, as the runtime does, and reads ARI_PASSWORD_FILE', () => {
    expect(
      loadApiConfig({
        ARI_URL: 'http://10.0.0.5:8088',
        ARI_USERNAME: 'cf',
        ARI_PASSWORD_FILE: passwordFile('from-a-file'),
      }).ariServers,
    ).toEqual([
      { name: '10.0.0.5:8088', url: 'http://10.0.0.5:8088', username: 'cf', password: 'from-a-file' },
    ]);
  });

  it('reads ARI_SERVERS and ARI_SERVERS_FILE, each server with its own credentials', () => {
    const servers = JSON.stringify([
      { name: 'pbx-a', url: 'http://10.0.0.1:8088', username: 'a', password: 'pw-a' },
      { url: 'https://10.0.0.2:8089/ari', username: 'b', passwordFile: passwordFile('pw-b') },
    ]);
    const expected = [
      { name: 'pbx-a', url: 'http://10.0.0.1:8088', username: 'a', password: 'pw-a' },
      { name: '10.0.0.2:8089', url: 'https://10.0.0.2:8089/ari', username: 'b', password: 'pw-b' },
    ];
    expect(loadApiConfig({ ARI_SERVERS: servers }).ariServers).toEqual(expected);
    const file = join(mkdtempSync(join(tmpdir(), 'api-ari-')), 'servers.json');
    writeFileSync(file, servers);
    expect(loadApiConfig({ ARI_SERVERS_FILE: file }).ariServers).toEqual(expected);
  });

  it('names every ARI problem with the others, never repeating a secret', () => {
    const attempt = (env: Record<string, string>): string => {
      try {
        loadApiConfig(env);
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
      throw new Error('the configuration was accepted');
    };
    const both = attempt({
      API_PORT: 'not a port',
      ARI_URL: 'http://10.0.0.1:8088',
      ARI_SERVERS: JSON.stringify([{ url: 'http://10.0.0.1:8088', username: 'a', password: 'hunter22' }]),
    });
    expect(both).toMatch(/^invalid API configuration:\n {2}API_PORT: /);
    expect(both).toContain('ARI_URL is set together with ARI_SERVERS');
    expect(both).not.toContain('hunter22');

    const broken = attempt({ ARI_SERVERS: '[{"url": "http://x:8088", "password": "hunter22"' });
    expect(broken).toContain('ARI_SERVERS is not valid JSON');
    expect(broken).not.toContain('hunter22');

    expect(attempt({ ARI_URL: 'http://10.0.0.1:8088' })).toMatch(
      /ARI_USERNAME is not set[\s\S]*ARI_PASSWORD is not set/,
    );
    expect(
      attempt({
        ARI_SERVERS: JSON.stringify([{ name: 'pbx-a', url: 'http://10.0.0.1:8088', username: 'a' }]),
      }),
    ).toContain('ARI_SERVERS[0].password is not set');
    expect(
      attempt({
        ARI_SERVERS: JSON.stringify([
          { name: 'same', url: 'http://10.0.0.1:8088', username: 'a', password: 'x' },
          { name: 'same', url: 'http://10.0.0.2:8088', username: 'b', password: 'y' },
        ]),
      }),
    ).toContain("ARI_SERVERS[1].name repeats the server name 'same'");
  });
});
