import { vi } from 'vitest';
import { z } from 'zod';

/** One PUT /flows/:flowId/draft the server has not answered yet. */
export interface HeldDraftSave {
  readonly flowId: string;
  readonly revision: number;
  readonly document: unknown;
  /** The server accepted it: the draft is now at `revision`. */
  accept(revision: number): void;
  /** Someone else saved first: the draft is at `currentRevision`. */
  refuseAsStale(currentRevision: number): void;
  /** The server failed (HTTP 500). */
  fail(): void;
}

export interface HeldDraftSaves {
  /** Every draft save sent so far, answered or not, in order. */
  readonly saves: HeldDraftSave[];
  /** Requests that are not draft saves (answered by `otherRoutes`). */
  readonly others: string[];
}

/** What the editor sends to save a draft. */
const draftSaveBody = z.object({ revision: z.number(), document: z.unknown() });

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * Replaces `fetch`: each draft save waits until the test answers it, so a test can change the draft
 * while a save is on its way. Other requests are answered at once by `otherRoutes` (404 if undefined).
 */
export function holdDraftSaves(
  otherRoutes: (url: URL, method: string) => unknown = () => undefined,
): HeldDraftSaves {
  const saves: HeldDraftSave[] = [];
  const others: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input), 'http://editor.test');
    const method = init?.method ?? 'GET';
    const draft = /^\/api\/flows\/([^/]+)\/draft$/.exec(url.pathname);
    if (draft?.[1] === undefined || method !== 'PUT') {
      others.push(`${method} ${url.pathname}`);
      const body = otherRoutes(url, method);
      return body === undefined ? json(404, { error: 'not_found', message: 'not found' }) : json(200, body);
    }
    const flowId = decodeURIComponent(draft[1]);
    const sent = draftSaveBody.parse(JSON.parse(String(init?.body)));
    return new Promise<Response>((resolve) => {
      saves.push({
        flowId,
        revision: sent.revision,
        document: sent.document,
        accept: (revision) =>
          resolve(json(200, { revision, updatedAt: '2026-03-02T10:00:00.000Z', ok: true, problems: [] })),
        refuseAsStale: (currentRevision) =>
          resolve(
            json(409, {
              error: 'stale_revision',
              message: 'Someone else saved this flow since you loaded it.',
              currentRevision,
            }),
          ),
        fail: () => resolve(json(500, { error: 'internal', message: 'The database is not answering.' })),
      });
    });
  });
  return { saves, others };
}
