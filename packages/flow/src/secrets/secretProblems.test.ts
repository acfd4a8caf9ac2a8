import { describe, expect, it } from 'vitest';
import { testFlow } from '../testing/testFlow.ts';
import { validateFlow } from '../validation/validateFlow.ts';
import { findSecretReferences } from './findSecretReferences.ts';
import { secretProblems, unknownSecretProblems } from './secretProblems.ts';

/** Start → HTTP lookup (with the given headers and URL) → Play (with the given text prompt). */
function flowWith(options: { headers?: { name: string; value: string }[]; url?: string; say?: string }) {
  return testFlow(
    [
      { id: 'start', kind: 'start' },
      {
        id: 'crm',
        kind: 'httpLookup',
        label: 'CRM',
        options: {
          url: options.url ?? 'https://crm.example.com/lookup?caller={{caller.number}}',
          headers: options.headers ?? [],
        },
      },
      { id: 'say', kind: 'play', options: { prompts: [{ type: 'digits', value: options.say ?? '1' }] } },
      { id: 'bye', kind: 'hangup' },
    ],
    [
      'start -> crm',
      'crm.success -> say',
      'crm.error -> say',
      'crm.timeout -> say',
      'say -> bye',
      'say.error -> bye',
    ],
  );
}

const codes = (input: unknown) =>
  validateFlow(input).problems.map((p) => `${p.severity}:${p.code}:${p.path}`);

describe('secret references in validation', () => {
  it('accepts {{secrets.<name>}} in an HTTP lookup header value, with no unknown-variable warning', () => {
    const flow = flowWith({ headers: [{ name: 'Authorization', value: 'Bearer {{secrets.crm_token}}' }] });
    expect(codes(flow)).toEqual([]);
    expect(validateFlow(flow).ok).toBe(true);
  });

  it('refuses a secret in the URL, in a header name position, in a prompt', () => {
    expect(codes(flowWith({ url: 'https://crm.example.com/x?key={{secrets.crm_token}}' }))).toEqual([
      'error:secret-misplaced:nodes.1.options.url',
    ]);
    expect(codes(flowWith({ say: '{{secrets.pin}}' }))).toContain(
      'error:secret-misplaced:nodes.2.options.prompts.0.value',
    );
    const [problem] = validateFlow(flowWith({ say: '{{secrets.pin}}' })).problems.filter(
      (p) => p.code === 'secret-misplaced',
    );
    expect(problem?.message).toMatch(/can only be used in an HTTP lookup header value/);
    expect(problem?.nodeId).toBe('say');
  });

  it('refuses a malformed secret reference', () => {
    const flow = flowWith({ headers: [{ name: 'X-Key', value: '{{secrets.a.b}} {{secrets}}' }] });
    expect(codes(flow)).toEqual([
      'error:bad-secret-reference:nodes.1.options.headers.0.value',
      'error:bad-secret-reference:nodes.1.options.headers.0.value',
    ]);
  });

  it('warns about a name missing from the store only when it is given the names', () => {
    const flow = flowWith({
      headers: [
        { name: 'Authorization', value: 'Bearer {{secrets.crm_token}}' },
        { name: 'X-Other', value: '{{secrets.other}}' },
      ],
    });
    const parsed = validateFlow(flow).document;
    if (parsed === null) throw new Error('flow did not parse');
    expect(secretProblems(parsed)).toEqual([]);
    expect(unknownSecretProblems(parsed, new Set(['crm_token', 'other']))).toEqual([]);
    const problems = unknownSecretProblems(parsed, new Set(['crm_token']));
    expect(problems.map((p) => `${p.severity}:${p.code}:${p.path}`)).toEqual([
      'warning:unknown-secret:nodes.1.options.headers.1.value',
    ]);
    expect(problems[0]?.message).toMatch(
      /^HTTP lookup “CRM”: Headers › header 2 › Value: \{\{secrets.other\}\} is not in the credentials store/,
    );
  });

  it('lists every reference with its place', () => {
    const flow = flowWith({
      headers: [{ name: 'Authorization', value: 'Bearer {{ secrets.crm_token }}' }],
      say: '{{secrets.pin}}',
    });
    expect(findSecretReferences(flow as never)).toEqual([
      {
        nodeId: 'crm',
        path: 'nodes.1.options.headers.0.value',
        reference: 'secrets.crm_token',
        name: 'crm_token',
        allowed: true,
      },
      {
        nodeId: 'say',
        path: 'nodes.2.options.prompts.0.value',
        reference: 'secrets.pin',
        name: 'pin',
        allowed: false,
      },
    ]);
  });
});
