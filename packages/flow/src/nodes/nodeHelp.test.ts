import { describe, expect, it } from 'vitest';
import { nodeDisplayName } from '../document/nodeDisplayName.ts';
import { portDisplayName } from '../document/portDisplayName.ts';
import { dtmfDigit } from './commonOptions.ts';
import type { AnyNodeKindDefinition } from './NodeKindDefinition.ts';
import { type NodeKind, nodeKinds } from './nodeKinds.ts';
import { isGenericOutcome, outcomeHelp } from './outcomeHelp.ts';

/** Options beyond the starter ones where a kind's ports depend on its options. */
const richerOptions: Partial<Record<NodeKind, unknown>> = {
  menu: {
    prompts: [{ type: 'sound', name: 'hello-world' }],
    choices: dtmfDigit.options.map((digit, index) => ({
      digit,
      label: index % 2 === 0 ? `Team ${digit}` : '',
    })),
  },
};

const definitions = Object.values(nodeKinds) as AnyNodeKindDefinition[];

/** Every port a node of this kind can have, from its starter options and the richer ones. */
function portsOf(definition: AnyNodeKindDefinition): { options: unknown; port: string }[] {
  const optionSets = [definition.starterOptions, richerOptions[definition.kind as NodeKind]].filter(
    (options) => options !== undefined,
  );
  return optionSets.flatMap((input) => {
    const options = definition.options.parse(input);
    return definition.ports(options).map((port) => ({ options, port }));
  });
}

describe('node kind help', () => {
  it.each(definitions)('$kind says what it does and gives an example', (definition) => {
    expect(definition.help.does.length).toBeGreaterThan(40);
    expect(definition.help.example.length).toBeGreaterThan(10);
  });

  it.each(definitions)('$kind says when the call takes each port it can have', (definition) => {
    for (const { port } of portsOf(definition)) {
      expect(outcomeHelp(definition.kind, port), `${definition.kind}.${port}`).toMatch(/\w{3,}/);
    }
  });

  it.each(definitions)('$kind documents no port it cannot have', (definition) => {
    const ports = new Set(portsOf(definition).map(({ port }) => port));
    const documented = Object.keys(definition.help.outcomes).filter((key) => !isGenericOutcome(key));
    expect(documented.filter((port) => !ports.has(port))).toEqual([]);
  });

  it.each(definitions)(
    '$kind names each of its ports in words, not by the port’s internal name',
    (definition) => {
      for (const { options, port } of portsOf(definition)) {
        const node = { kind: definition.kind, label: '', options };
        expect(portDisplayName(node, port), `${definition.kind}.${port}`).not.toBe(port);
      }
    },
  );

  it.each(definitions)('$kind names a new node by its title and a summary, never an id', (definition) => {
    const options = definition.options.parse(definition.starterOptions);
    const name = nodeDisplayName({ kind: definition.kind, label: '', options });
    expect(name.startsWith(definition.title)).toBe(true);
    // Half-filled options (a draft being typed) still give a name.
    expect(nodeDisplayName({ kind: definition.kind, label: '', options: {} })).toMatch(
      new RegExp(`^${definition.title}`),
    );
  });
});

describe('summaries', () => {
  const summary = (kind: NodeKind, options: unknown) =>
    nodeDisplayName({ kind, label: '', options: nodeKinds[kind].options.parse(options) });

  it('say what a node does with its options', () => {
    expect(
      summary('play', {
        prompts: [
          { type: 'say', text: 'Welcome to Acme' },
          { type: 'tone', value: 'ring' },
        ],
      }),
    ).toBe('Play: “Welcome to Acme” + 1 more');
    expect(summary('menu', nodeKinds.menu.starterOptions)).toBe('Menu: Sales, Support');
    expect(summary('dial', { endpoint: 'PJSIP/1001' })).toBe('Dial: PJSIP/1001');
    expect(summary('httpLookup', { url: 'https://crm.example.com/lookup?caller={{caller.number}}' })).toBe(
      'HTTP lookup: crm.example.com',
    );
    expect(summary('setVariable', { name: 'team', value: 'sales' })).toBe('Set variable: team = sales');
    expect(summary('setLanguage', { language: 'fr' })).toBe('Set language: French');
    expect(summary('condition', { left: '{{vars.account}}', operator: 'isEmpty' })).toBe(
      'Condition: {{vars.account}} is empty',
    );
    expect(summary('setDeviceState', { device: 'Stasis:night', state: 'INUSE' })).toBe(
      'Set device state: Stasis:night → In use',
    );
    expect(
      summary('timeOfDay', {
        timeZone: 'Europe/Paris',
        ranges: [
          { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' },
          { days: ['sat', 'mon'], start: '10:00', end: '12:00' },
        ],
      }),
    ).toBe('Time of day: Mon–Fri 09:00–17:00 + 1 more');
    expect(summary('hangup', { cause: 'busy' })).toBe('Hang up: Busy');
    expect(summary('hangup', {})).toBe('Hang up');
  });
});

describe('outcomeHelp', () => {
  it("reads a menu choice's port from the generic entry, and knows no port of an unknown kind", () => {
    expect(outcomeHelp('menu', '7')).toBe(nodeKinds.menu.help.outcomes['<Each choice>']);
    expect(outcomeHelp('menu', 'timeout')).toBe(nodeKinds.menu.help.outcomes.timeout);
    expect(outcomeHelp('play', 'beam')).toBeUndefined();
    expect(outcomeHelp('teleport', 'next')).toBeUndefined();
    expect(outcomeHelp('toString', 'next')).toBeUndefined();
  });
});

describe('a new menu', () => {
  it('says what a menu is for instead of playing a voicemail sound', () => {
    const { prompts } = nodeKinds.menu.options.parse(nodeKinds.menu.starterOptions);
    expect(prompts).toEqual([expect.objectContaining({ type: 'say' })]);
    expect(JSON.stringify(prompts)).not.toMatch(/vm-/);
  });
});
