import { publishFlow } from '@callflow/catalog/testing';
import type { Database } from '@callflow/db';
import { validateFlow } from '@callflow/flow';

/** Callers wait a minute in a menu: they stay in progress until the test ends them. */
const waitingMenu = validateFlow({
  schemaVersion: 1,
  nodes: [
    { id: 'start', kind: 'start', options: {} },
    { id: 'answer', kind: 'answer', options: {} },
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
  edges: [
    { id: 'e1', source: 'start', port: 'next', target: 'answer' },
    { id: 'e2', source: 'answer', port: 'next', target: 'menu' },
  ],
});

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
