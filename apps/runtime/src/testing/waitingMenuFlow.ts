import { validateFlow } from '@callflow/flow';
import { testFlow } from '@callflow/flow/testing';

/** Start → Answer → a menu: callers wait a minute in it, in progress until the test ends them. */
export const waitingMenuFlow = validateFlow(
  testFlow(
    [
      { id: 'start', kind: 'start' },
      { id: 'answer', kind: 'answer' },
      {
        id: 'menu',
        kind: 'menu',
        options: {
          prompts: [{ type: 'sound', name: 'hello-world' }],
          choices: [{ digit: '1' }],
          timeoutSeconds: 60,
        },
      },
    ],
    ['start -> answer -> menu'],
  ),
);
