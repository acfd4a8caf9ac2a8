import { describe, expect, it } from 'vitest';
import { FakeChannel } from '../../testing/FakeChannel.ts';
import { runTestNode } from '../../testing/runTestNode.ts';

describe('play', () => {
  it('play renders templates into media URIs in order', async () => {
    const run = await runTestNode(
      {
        id: 'p',
        kind: 'play',
        options: {
          prompts: [
            { type: 'sound', name: 'hello-world' },
            { type: 'digits', value: '{{caller.number}}' },
            { type: 'recording', name: '{{vars.none}}' },
            { type: 'tone', value: 'ring' },
            { type: 'characters', value: '{{vars.code}}' },
          ],
        },
      },
      { variables: { 'caller.number': '1001', 'vars.code': 'AB' } },
    );
    expect(run.channel.played).toEqual([['sound:hello-world', 'digits:1001', 'tone:ring', 'characters:AB']]);
    expect(run.port).toBe('next');
  });

  it("play takes 'error' when Asterisk refuses the playback", async () => {
    const channel = new FakeChannel();
    channel.failing.add('play');
    const run = await runTestNode(
      { id: 'p', kind: 'play', options: { prompts: [{ type: 'sound', name: 'x' }] } },
      { channel },
    );
    expect(run.port).toBe('error');
    expect(run.errors).toHaveLength(1);
  });

  it.each([
    ['sound', 'name', 'http://127.0.0.1:18081/x.wav'],
    ['sound', 'name', '../../../etc/passwd'],
    ['sound', 'name', '/var/lib/x'],
    ['sound', 'name', 'hello-world,sound:http://x/y'],
    ['recording', 'name', 'vm/../../x'],
    ['recording', 'name', '/tmp/x'],
    ['recording', 'name', 'x:y'],
    ['digits', 'value', '1,sound:http://x/y'],
    ['digits', 'value', '12ab'],
    ['number', 'value', '4 2'],
    ['number', 'value', '42,tone:ring'],
    ['characters', 'value', 'A,sound:x'],
    ['characters', 'value', 'a\u0000b'],
  ])("takes 'error' and plays nothing when a %s value does not fit: %j", async (type, field, value) => {
    const run = await runTestNode(
      { id: 'p', kind: 'play', options: { prompts: [{ type, [field]: '{{vars.x}}' }] } },
      { variables: { 'vars.x': value } },
    );
    expect(run.port).toBe('error');
    expect(run.channel.operations).toEqual([]);
    expect(run.errors[0]).toMatch(new RegExp(`^prompts\\.0\\.${field}: "?\\{\\{vars\\.x\\}\\}`));
  });

  it('plays sounds in folders and recordings with dots from variables', async () => {
    const run = await runTestNode(
      {
        id: 'p',
        kind: 'play',
        options: {
          prompts: [
            { type: 'sound', name: 'digits/{{vars.digit}}' },
            { type: 'recording', name: '{{vars.recording}}' },
            { type: 'number', value: '{{vars.n}}' },
          ],
        },
      },
      { variables: { 'vars.digit': '7', 'vars.recording': 'vm/1700000000.12', 'vars.n': '-42' } },
    );
    expect(run.channel.played).toEqual([['sound:digits/7', 'recording:vm/1700000000.12', 'number:-42']]);
  });

  it.each([
    [{ type: 'sound', name: 'http://127.0.0.1:18081/x.wav' }, /sound name/],
    [{ type: 'sound', name: '../x' }, /sound name/],
    [{ type: 'sound', name: '/x' }, /sound name/],
    [{ type: 'recording', name: 'vm/../x' }, /recording name/],
    [{ type: 'tone', value: 'ring,sound:x' }, /tone/],
    [{ type: 'digits', value: '1,2' }, /comma/],
  ])('refuses a prompt the author wrote that could fetch or inject media: %j', async (item, message) => {
    await expect(runTestNode({ id: 'p', kind: 'play', options: { prompts: [item] } })).rejects.toThrow(
      message,
    );
  });

  it('accepts sound names with folders and variables, and tone strings', async () => {
    const run = await runTestNode({
      id: 'p',
      kind: 'play',
      options: {
        prompts: [
          { type: 'sound', name: 'digits/1' },
          { type: 'sound', name: 'custom/{{vars.none}}x' },
          { type: 'tone', value: '!350+440/100|!0/100' },
          { type: 'tone', value: 'busy' },
        ],
      },
    });
    expect(run.channel.played).toEqual([
      ['sound:digits/1', 'sound:custom/x', 'tone:!350+440/100|!0/100', 'tone:busy'],
    ]);
  });
});
