import type { StepItem } from '@callflow/contract';
import { describe, expect, it } from 'vitest';
import { callStory, type StoryDocument } from './callStory.ts';
import { makeStep } from './testing/callFixtures.ts';

const sound = (name: string) => ({ type: 'sound', name });

/** Start → Answer → "Welcome" → "Main menu" (1 Sales, 2 unnamed) → plays; Start's On error → "Sorry". */
const company: StoryDocument = {
  nodes: [
    { id: 'start', kind: 'start', label: '', options: {} },
    { id: 'answer-1', kind: 'answer', label: '', options: {} },
    { id: 'welcome', kind: 'play', label: 'Welcome', options: { prompts: [sound('hello-world')] } },
    {
      id: 'menu-1',
      kind: 'menu',
      label: 'Main menu',
      options: {
        prompts: [sound('press-1')],
        choices: [
          { digit: '1', label: 'Sales' },
          { digit: '2', label: '' },
        ],
      },
    },
    { id: 'sales', kind: 'play', label: 'Sales message', options: { prompts: [sound('sales')] } },
    { id: 'support', kind: 'play', label: 'Support message', options: { prompts: [sound('support')] } },
    { id: 'desk', kind: 'dial', label: '', options: { endpoint: 'PJSIP/1001', timeoutSeconds: 20 } },
    { id: 'sorry', kind: 'play', label: 'Sorry', options: { prompts: [sound('an-error-has-occurred')] } },
    { id: 'bye', kind: 'hangup', label: '', options: {} },
  ],
  edges: [
    { source: 'start', port: 'next', target: 'answer-1' },
    { source: 'start', port: 'error', target: 'sorry' },
    { source: 'answer-1', port: 'next', target: 'welcome' },
    { source: 'welcome', port: 'next', target: 'menu-1' },
    { source: 'menu-1', port: '1', target: 'sales' },
    { source: 'menu-1', port: '2', target: 'support' },
    { source: 'menu-1', port: 'timeout', target: 'menu-1' },
    { source: 'sales', port: 'next', target: 'desk' },
    { source: 'desk', port: 'noanswer', target: 'bye' },
    { source: 'sorry', port: 'next', target: 'bye' },
  ],
};

/** Steps in order, `nodeId:port` (port `-` for none), each 1 s long unless said. */
function steps(...path: (string | Partial<StepItem>)[]): StepItem[] {
  return path.map((entry, index) => {
    const fields = typeof entry === 'string' ? {} : entry;
    const [nodeId = 'start', port = 'next'] = (typeof entry === 'string' ? entry : '').split(':');
    const node = company.nodes.find((candidate) => candidate.id === (fields.nodeId ?? nodeId));
    return makeStep({
      id: index + 1,
      seq: index + 1,
      nodeId,
      kind: node?.kind ?? 'start',
      port: port === '-' ? null : port,
      durationMs: 1000,
      ...fields,
    });
  });
}

const ended = (outcome: string, error: string | null = null) => ({ live: false, outcome, error });
const texts = (lines: { text: string }[]) => lines.map((line) => line.text);

describe('callStory', () => {
  it('tells a menu digit by the name of the choice, and an unnamed one by where it led', () => {
    const sales = steps('start', 'answer-1', 'welcome', 'menu-1:1', 'sales', 'desk:noanswer', 'bye:ended');
    expect(texts(callStory(sales, ended('completed'), company))).toEqual([
      'Call came in',
      'Answered',
      'Played “Welcome”',
      'Pressed 1 → Sales',
      'Played “Sales message”',
      'Dialled 1001: no answer → Hang up',
      'The flow hung up',
    ]);
    const support = steps('start', 'answer-1', 'welcome', 'menu-1:2', 'support');
    expect(texts(callStory(support, ended('completed'), company)).slice(3)).toEqual([
      'Pressed 2 → Support message',
      'Played “Support message”',
      'End of the flow: call ended',
    ]);
  });

  it('tells a caller hanging up during a play, with how long they listened', () => {
    const story = callStory(
      steps('start', 'answer-1', 'welcome', 'menu-1:1', {
        nodeId: 'sales',
        port: null,
        durationMs: 19_400,
        error: 'caller hung up',
      }),
      ended('caller_hangup'),
      company,
    );
    expect(story.at(-1)).toMatchObject({ text: 'Hung up during “Sales message” after 19 s', tone: 'normal' });
    expect(story).toHaveLength(5);
  });

  it('tells a failure that took the flow’s On error path, in plain words', () => {
    const story = callStory(
      steps(
        'start',
        'answer-1',
        {
          nodeId: 'welcome',
          port: 'error',
          error: 'Asterisk could not play sound:helo-world (unknown sound?)',
        },
        'sorry',
        'bye:ended',
      ),
      ended('completed'),
      company,
    );
    expect(story[2]).toMatchObject({
      text: 'Failed in “Welcome”: the sound was not found → On error path',
      tone: 'problem',
    });
    expect(texts(story).slice(3)).toEqual(['Played “Sorry”', 'The flow hung up']);
  });

  it('closes a failure with nothing after it as a problem, not as the end of the flow', () => {
    const onErrorFailed = callStory(
      steps(
        'start',
        { nodeId: 'welcome', port: 'error', error: 'Asterisk could not play sound:helo (unknown sound?)' },
        { nodeId: 'sorry', port: 'error', error: 'Asterisk could not play sound:sorry (unknown sound?)' },
      ),
      ended('completed'),
      company,
    );
    expect(onErrorFailed.slice(1)).toMatchObject([
      { text: 'Failed in “Welcome”: the sound was not found → On error path', tone: 'problem' },
      { text: 'Failed in “Sorry”: the sound was not found', tone: 'problem' },
      {
        text: 'The call ended here: this failure happened inside the On error path, which a call takes only once',
        tone: 'problem',
        step: null,
      },
    ]);
    expect(texts(onErrorFailed).join(' ')).not.toMatch(/End of the flow/);
    const withoutOnError = {
      nodes: company.nodes,
      edges: company.edges.filter((edge) => edge.port !== 'error'),
    };
    const unwired = callStory(
      steps('start', { nodeId: 'welcome', port: 'error', error: 'text-to-speech failed: boom' }),
      ended('completed'),
      withoutOnError,
    );
    expect(unwired.at(-1)).toMatchObject({
      text: 'The call ended here: nothing is connected after this failure',
      tone: 'problem',
    });
  });

  it('tells a call the runtime lost once, in the step it was lost in', () => {
    const lost = callStory(
      steps('start', 'answer-1', {
        nodeId: 'welcome',
        port: null,
        durationMs: 4000,
        error: 'the runtime lost the call',
      }),
      ended('lost'),
      company,
    );
    expect(texts(lost).filter((text) => /lost/.test(text))).toEqual([
      'The runtime lost the call during “Welcome” after 4.0 s',
    ]);
  });

  it('tells a menu that heard nothing and asked again, and a wrong key', () => {
    const story = callStory(
      steps('start', 'answer-1', 'welcome', 'menu-1:timeout', {
        nodeId: 'menu-1',
        port: 'invalid',
        variables: { 'menu.digit': '7' },
      }),
      ended('completed'),
      company,
    );
    expect(texts(story).slice(3)).toEqual([
      'No key pressed → tried again',
      'Pressed 7: not a choice',
      'End of the flow: call ended',
    ]);
  });

  it('names a dial by its number and tells how long the call was connected', () => {
    const story = callStory(
      steps('start', 'answer-1', { nodeId: 'desk', port: 'answered', durationMs: 65_000 }),
      ended('completed'),
      company,
    );
    expect(story[2]?.text).toBe('Dialled 1001: answered, talked 1:05');
  });

  it('says how a call ended that no step tells: a thrown failure, a limit, a lost call', () => {
    const failed = callStory(
      steps('start', { nodeId: 'welcome', port: null, error: 'cannot call PJSIP/9: Allocation failed' }),
      ended('error', 'node welcome: cannot call PJSIP/9: Allocation failed'),
      company,
    );
    expect(failed.at(-1)).toMatchObject({
      text: 'Failed in “Welcome”: could not call PJSIP/9; the call ended',
      tone: 'problem',
    });
    expect(failed).toHaveLength(2);
    const looped = callStory(
      steps('start', 'menu-1:timeout', 'menu-1:timeout'),
      ended('step_limit'),
      company,
    );
    expect(looped.at(-1)).toMatchObject({ step: null, tone: 'problem' });
    expect(looped.at(-1)?.text).toMatch(/more times than allowed/);
    const lost = callStory(steps('start'), ended('lost'), company);
    expect(lost.at(-1)?.text).toMatch(/runtime lost this call/);
  });

  it('tells other kinds by their name and the words of the port they took', () => {
    const lookup = {
      id: 'crm',
      kind: 'httpLookup',
      label: '',
      options: { url: 'https://crm.example.com/x' },
    };
    const hours = { id: 'hours', kind: 'timeOfDay', label: 'Office hours', options: {} };
    const digits = { id: 'account', kind: 'collectDigits', label: '', options: { variable: 'account' } };
    const document = { nodes: [...company.nodes, lookup, hours, digits], edges: company.edges };
    const story = callStory(
      [
        makeStep({ id: 1, seq: 1, nodeId: 'hours', kind: 'timeOfDay', port: 'open' }),
        makeStep({
          id: 2,
          seq: 2,
          nodeId: 'account',
          kind: 'collectDigits',
          port: 'next',
          variables: { 'vars.account': '4711' },
        }),
        makeStep({ id: 3, seq: 3, nodeId: 'crm', kind: 'httpLookup', port: 'timeout' }),
        makeStep({ id: 4, seq: 4, nodeId: 'sorry', kind: 'play', port: 'next' }),
      ],
      ended('completed'),
      document,
    );
    expect(texts(story)).toEqual([
      'Office hours · Open → Collect digits: into account',
      'Entered 4711',
      'HTTP lookup: crm.example.com · No answer in time → Sorry',
      'Played “Sorry”',
      'End of the flow: call ended',
    ]);
  });

  it('tells a call still going on without a closing line', () => {
    const story = callStory(steps('start', 'answer-1'), { live: true, outcome: null, error: null }, company);
    expect(texts(story)).toEqual(['Call came in', 'Answered']);
  });

  it('names nodes by their kind when the version the call ran cannot be read, never by id', () => {
    const story = callStory(
      steps('start', 'answer-1', 'menu-1:1', { nodeId: 'sales', port: null, error: 'caller hung up' }),
      ended('caller_hangup'),
      undefined,
    );
    expect(texts(story)).toEqual([
      'Call came in',
      'Answered',
      'Pressed 1 → Play',
      'Hung up during the play after 1.0 s',
    ]);
    expect(texts(story).join(' ')).not.toMatch(/menu-1|sales|answer-1/);
  });
});
