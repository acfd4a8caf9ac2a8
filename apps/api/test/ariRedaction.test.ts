import { describe, expect, it } from 'vitest';
import { AriServers } from '../src/ari/AriServers.ts';

const servers = new AriServers([
  { name: 'pbx', url: 'http://10.0.0.5:8088', username: 'callflow-ari', password: 'ari-secret-pw' },
]);

describe('AriServers.redact', () => {
  it('takes the server’s URLs, user and password out of a text', () => {
    expect(
      servers.redact(
        'GET http://callflow-ari:ari-secret-pw@10.0.0.5:8088/ari/channels?api_key=x failed; ws://10.0.0.5:8088/ari/events closed',
      ),
    ).toBe('GET [ARI server pbx] failed; [ARI server pbx] closed');
    expect(servers.redact('user callflow-ari, password ari-secret-pw, at 10.0.0.5:8088')).toBe(
      'user [ARI user], password [ARI password], at pbx',
    );
  });

  it('redacts 100,000 characters of text shaped to make the URL pattern backtrack in well under a second each', () => {
    const hostile = [
      'a'.repeat(100_000),
      `a://${'x'.repeat(100_000)}`,
      'a.'.repeat(50_000),
      `http://${'u:'.repeat(50_000)}`,
      `${'a+'.repeat(50_000)}://10.0.0.5`,
      `a://${'x'.repeat(250)}`.repeat(400),
      `${'a'.repeat(31)}://${'1'.repeat(60)}`.repeat(1_000),
    ];
    for (const text of hostile) {
      const started = performance.now();
      servers.redact(text);
      expect(performance.now() - started, text.slice(0, 20)).toBeLessThan(2_000);
    }
  });
});
