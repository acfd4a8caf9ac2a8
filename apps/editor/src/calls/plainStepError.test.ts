import { stepErrors } from '@callflow/flow';
import { runTestNode } from '@callflow/flow/testing';
import { describe, expect, it } from 'vitest';
import { plainStepError } from './plainStepError.ts';

describe('plainStepError', () => {
  it('puts every sentence the runtime and the steps write (stepErrors) in plain words', () => {
    const examples: Record<string, string> = {
      [stepErrors.soundNotFound.says(['sound:helo'])]: 'the sound was not found',
      [stepErrors.httpStatus.says('GET https://crm.example.com/x', 503)]:
        'the web service answered with an error (HTTP 503)',
      [stepErrors.httpUnfinished.says('GET https://crm.example.com/x', 200, 5)]:
        'the web service did not finish its answer in time',
      [stepErrors.httpNoAnswer.says('GET https://crm.example.com/x', 5)]:
        'the web service did not answer in time',
      [stepErrors.cannotCall.says('PJSIP/9', 'Allocation failed')]: 'could not call PJSIP/9',
    };
    for (const [written, plain] of Object.entries(examples)) expect(plainStepError(written)).toBe(plain);
  });

  it('reads the errors real node steps report', async () => {
    const lookup = await runTestNode(
      {
        id: 'crm',
        kind: 'httpLookup',
        options: { url: 'https://crm.example.com/x', timeoutSeconds: 5 },
      },
      { fetch: async () => new Response('down', { status: 503 }) },
    );
    expect(lookup.errors.map(plainStepError)).toEqual(['the web service answered with an error (HTTP 503)']);
    const bridge = await runTestNode({ id: 'b', kind: 'bridge', options: { name: '{{vars.none}}' } });
    expect(bridge.errors.map(plainStepError)).toEqual([
      'a value it uses from the call was empty or unsuitable',
    ]);
  });
});
