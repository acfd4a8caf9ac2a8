// The product's API called from a logged-in page (with its session cookie), for what a browser test
// sets up without clicking: flows, publications, users.

import { type FlowDetail, flowDetail } from '@callflow/contract';
import type { Page } from 'playwright-core';
import type { TestFlow } from './flowBuilder.ts';

/** Sends one request from the page; the status and the JSON body (null when there is none). */
async function request(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
    },
    { method, path, body },
  );
}

function expectStatus(answer: { status: number; body: unknown }, status: number, what: string): void {
  if (answer.status !== status)
    throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
}

export const browserApi = {
  request,

  /** Creates a flow as the editor does; its id. */
  async createFlow(page: Page, name: string, document: TestFlow): Promise<string> {
    const answer = await request(page, 'POST', '/api/flows', { name, document });
    expectStatus(answer, 201, `creating the flow ${name}`);
    return flowDetail.parse(answer.body).id;
  },

  /** The flow as the editor loads it: its draft and the draft's revision. */
  async readFlow(page: Page, flowId: string): Promise<FlowDetail> {
    const answer = await request(page, 'GET', `/api/flows/${encodeURIComponent(flowId)}`);
    expectStatus(answer, 200, `reading the flow ${flowId}`);
    return flowDetail.parse(answer.body);
  },

  /** Saves `document` as the flow's draft over `revision`, as the editor's autosave does. */
  async saveDraft(page: Page, flowId: string, revision: number, document: TestFlow): Promise<void> {
    const answer = await request(page, 'PUT', `/api/flows/${encodeURIComponent(flowId)}/draft`, {
      revision,
      document,
    });
    expectStatus(answer, 200, `saving the draft of ${flowId}`);
  },

  /** Publishes the flow's draft on `extension` as the publish dialog does. */
  async publish(page: Page, flowId: string, extension: string): Promise<void> {
    const answer = await request(page, 'PUT', `/api/publications/${extension}`, { flowId });
    expectStatus(answer, 200, `publishing on ${extension}`);
  },

  /** Creates a user who need not change the password given; the API's status. */
  async createUser(page: Page, username: string, password: string, role: string): Promise<number> {
    const answer = await request(page, 'POST', '/api/users', {
      username,
      password,
      role,
      mustChangePassword: false,
    });
    return answer.status;
  },
};
