import { publishFlow } from '@callflow/catalog/testing';
import type { Database } from '@callflow/db';
import { validateFlow } from '@callflow/flow';
import { testFlow } from '@callflow/flow/testing';

/** Callers wait a minute in a menu: they stay in progress until the test ends them. */
const waitingMenu = validateFlow(
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

/** Publishes (a new version of) the waiting menu on `extension`, as the CLI does. */
export async function publishWaitingMenu(db: Database, extension: string): Promise<void> {
  if (waitingMenu.document === null) throw new Error('invalid test flow');
  await publishFlow(db, {
    name: `menu ${extension}`,
    document: waitingMenu.document,
    extension,
    note: '',
    author: null,
    replace: true,
  });
}
