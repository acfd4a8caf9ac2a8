// What a caller dials, and what a production Asterisk is given, cannot open the product:
//   - a dialled number is filtered in the dialplan before Stasis(): a comma would add Stasis()
//     arguments the runtime acts on (`6001,callflow-outbound-leg` made a call the runtime ignored:
//     no session, no call log row, a channel left in Stasis);
//   - the unauthenticated test endpoints (the `sipp` caller, the dial-test callees) are installed by
//     the sandbox only, never by asterisk-conf/pjsip.conf.template.

import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { pathOf } from '../harness/CallflowHarness.ts';
import { sayDigitFlow } from '../harness/flowBuilder.ts';
import { useCallflow } from '../harness/useCallflow.ts';
import { ariGet, waitForIdle } from '../lib/sandbox.ts';
import { buildCallerScenario } from '../lib/sipp/callerScenario.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';
import { ARTIFACTS_DIR, parseMessageLog, runSipp, sippFiles, sippRunArgs } from '../lib/sipp/runSipp.ts';
import { allocatePorts } from '../lib/sipp/sippPorts.ts';

const confDir = fileURLToPath(new URL('../../asterisk-conf/', import.meta.url));

const helloFlow = sayDigitFlow('hello', '1');

/**
 * Calls a Request-URI user that placeCall refuses to send (it only takes well-formed numbers), and
 * returns the final status of the INVITE (undefined when none came within `timeoutMs`).
 */
async function callRawNumber(user: string, timeoutMs = 8000): Promise<number | undefined> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const ports = await allocatePorts();
  const files = sippFiles(`${ARTIFACTS_DIR}raw-number-${process.pid}-${ports.sipPort}`);
  try {
    // Any final status ends the scenario: the test reads which one it was from the message log.
    const xml = (
      await buildCallerScenario({
        extension: user,
        script: [],
        expectRemoteHangup: false,
        from: 'sipp',
        expectReject: 484,
      })
    ).replace(
      '<recv response="484"/>',
      '<recv response="484" optional="true" next="ack"/>\n  <recv response="404" optional="true" next="ack"/>\n  <recv response="200" next="ack"/>\n  <label id="ack"/>',
    );
    await writeFile(files.scenario, xml);
    const args = [
      `127.0.0.1:${process.env.SIP_PORT ?? '5060'}`,
      ...sippRunArgs(files, ports.sipPort, ports.mediaPort),
      // The Request-URI user exactly as given: sipp substitutes it for [service] unchanged.
      '-s',
      user,
      '-m',
      '1',
      '-timeout',
      `${Math.ceil(timeoutMs / 1000)}s`,
      '-timeout_error',
    ];
    await runSipp(args, timeoutMs + 5000);
    const log = existsSync(files.messages) ? await readFile(files.messages, 'utf8') : '';
    const messages = parseMessageLog(log);
    const sentInvite = messages.find((m) => m.direction === 'sent' && m.firstLine.startsWith('INVITE '));
    expect(sentInvite?.firstLine).toBe(
      `INVITE sip:${user}@127.0.0.1:${process.env.SIP_PORT ?? '5060'} SIP/2.0`,
    );
    return messages
      .filter((m) => m.direction === 'received' && m.cseqMethod === 'INVITE')
      .map((m) => Number(m.firstLine.slice(8, 11)))
      .find((status) => status >= 200);
  } finally {
    ports.release();
  }
}

describe('dialled numbers reach Stasis() only when well formed', () => {
  const harness = useCallflow();
  beforeAll(async () => {
    await harness.publish('7961', helloFlow);
  });

  it.each([
    ['a comma adding a Stasis() argument', '7961,callflow-outbound-leg'],
    ['a comma adding an empty argument', '7961,'],
    ['letters', '7961abc'],
    ['parentheses', '7961)'],
    ['more than 20 characters', '796100000000000000000'],
  ])('rejects %s unanswered (484), with nothing left in Asterisk and no call logged', async (_, number) => {
    const since = new Date();
    expect(await callRawNumber(number)).toBe(484);
    expect(await waitForIdle(3000)).toEqual({ channels: [], bridges: [] });
    const app = await ariGet<{ channel_ids: string[] }>('/applications/callflow-7961');
    expect(app.channel_ids).toEqual([]);
    expect(await harness.db.prisma.call.count({ where: { startedAt: { gte: since } } })).toBe(0);
  });

  it('still runs a well-formed number through its flow', async () => {
    const since = new Date();
    const call = await placeCall({ extension: '7961', expectRemoteHangup: true });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall('7961', since);
    expect(pathOf(logged)).toEqual(['start:next', 'answer:next', 'hello:next', 'bye:ended']);
  });

  it('rejects a well-formed number without a published flow as before (404)', async () => {
    expect(await callRawNumber('7969')).toBe(404);
  });
});

/** `[name](templates)` sections of an Asterisk config file, with their options. */
function configSections(
  text: string,
): { name: string; templates: string[]; options: Map<string, string[]> }[] {
  const sections: { name: string; templates: string[]; options: Map<string, string[]> }[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/;.*$/, '').trim();
    if (line === '') continue;
    const header = /^\[([^\]]+)\](?:\(([^)]*)\))?$/.exec(line);
    if (header) {
      sections.push({
        name: header[1] ?? '',
        templates: (header[2] ?? '')
          .split(',')
          .map((t) => t.trim())
          .filter((t) => t !== '' && t !== '!'),
        options: new Map(),
      });
      continue;
    }
    const option = /^([\w-]+)\s*=>?\s*(.*)$/.exec(line);
    const section = sections.at(-1);
    if (option && section) {
      const values = section.options.get(option[1] ?? '') ?? [];
      values.push(option[2] ?? '');
      section.options.set(option[1] ?? '', values);
    }
  }
  return sections;
}

describe('the production pjsip.conf (asterisk-conf/pjsip.conf.template)', () => {
  it('has no endpoint that calls in without authentication, and no test endpoint', async () => {
    const text = await readFile(`${confDir}pjsip.conf.template`, 'utf8');
    const sections = configSections(text);
    const byName = new Map(sections.map((section) => [section.name, section]));
    /** An option as the section sees it: its own, else inherited from its templates. */
    const option = (section: (typeof sections)[number], key: string): string | undefined =>
      section.options.get(key)?.at(-1) ??
      section.templates
        .map((t) => byName.get(t))
        .flatMap((t) => (t ? [option(t, key)] : []))
        .find((v) => v !== undefined);
    const isTemplate = (name: string) => new RegExp(`^\\[${name}\\]\\(!`, 'm').test(text);
    const endpoints = sections.filter((s) => option(s, 'type') === 'endpoint' && !isTemplate(s.name));
    expect(endpoints.map((s) => s.name).sort()).toEqual(['1001', '1002']);
    for (const endpoint of endpoints) expect(option(endpoint, 'auth'), endpoint.name).toMatch(/\S/);
    // Identification by address lets anyone who can send from there call without a password.
    expect(sections.filter((s) => option(s, 'type') === 'identify')).toEqual([]);
    expect(text).not.toMatch(/sipp|callee-/);
    expect(text).not.toMatch(/#(try)?include/);
  });

  it('the test endpoints live in asterisk-conf/sandbox, which the sandbox script alone installs', async () => {
    const testEndpoints = await readFile(`${confDir}sandbox/pjsip.test-endpoints.conf`, 'utf8');
    expect(testEndpoints).toMatch(/^\[sipp\]/m);
    const script = await readFile(
      fileURLToPath(new URL('../../scripts/asterisk-sandbox.sh', import.meta.url)),
      'utf8',
    );
    expect(script).toContain('pjsip.test-endpoints.conf');
    const readme = await readFile(`${confDir}README.md`, 'utf8');
    // The install instructions copy the top-level files only.
    expect(readme).toContain('cp asterisk-conf/*.conf /etc/asterisk/');
  });
});
