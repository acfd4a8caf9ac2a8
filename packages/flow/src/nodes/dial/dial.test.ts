import { describe, expect, it } from 'vitest';
import { FakeChannel } from '../../testing/FakeChannel.ts';
import { runTestNode } from '../../testing/runTestNode.ts';

describe('dial', () => {
  it.each(['answered', 'busy', 'noanswer', 'unavailable', 'failed'] as const)(
    'dial takes the %s port and sets dial.status',
    async (outcome) => {
      const channel = new FakeChannel();
      channel.dialOutcome = outcome;
      const run = await runTestNode(
        { id: 'd', kind: 'dial', options: { endpoint: 'PJSIP/{{vars.agent}}' } },
        { channel, variables: { 'vars.agent': '1002' } },
      );
      expect(run.port).toBe(outcome);
      expect(run.variables.get('dial.status')).toBe(outcome);
      expect(run.channel.operations).toEqual(['dial PJSIP/1002']);
    },
  );

  it("dial takes 'failed' when the endpoint renders to something undialable", async () => {
    const run = await runTestNode({ id: 'd', kind: 'dial', options: { endpoint: 'PJSIP/{{vars.none}}' } });
    expect(run.port).toBe('failed');
    expect(run.errors[0]).toMatch(/cannot be dialed/);
  });
});
