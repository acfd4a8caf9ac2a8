import { describe, expect, it } from 'vitest';
import { runTestNode } from '../../testing/runTestNode.ts';

describe('hangup', () => {
  it('hangup hangs up with its cause', async () => {
    const run = await runTestNode({ id: 'h', kind: 'hangup', options: { cause: 'busy' } });
    expect(run.channel.operations).toEqual(['hangup busy']);
  });
});
