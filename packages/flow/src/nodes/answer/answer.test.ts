import { describe, expect, it } from 'vitest';
import { runTestNode } from '../../testing/runTestNode.ts';

describe('answer', () => {
  it('answer answers the channel', async () => {
    const run = await runTestNode({ id: 'a', kind: 'answer', options: {} });
    expect(run.channel.operations).toEqual(['answer']);
  });
});
