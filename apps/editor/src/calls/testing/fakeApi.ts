import { vi } from 'vitest';

export interface FakeAnswer {
  readonly status?: number;
  readonly body: unknown;
}

/** Answers a request (its URL relative to the site; what was sent in `init`), or undefined for a 404. */
export type FakeRoutes = (url: URL, method: string, init: RequestInit | undefined) => FakeAnswer | undefined;

export interface FakeApi {
  /** Every request made so far, as path + query (e.g. `/api/calls?extension=6001&limit=50`). */
  readonly requests: string[];
  /** The requests to one path, with their parsed query. */
  readonly requestsTo: (path: string) => URLSearchParams[];
}

/** Replaces `fetch` with the given routes; JSON answers, like the API's. */
export function fakeApi(routes: FakeRoutes): FakeApi {
  const requests: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input), 'http://editor.test');
    requests.push(`${url.pathname}${url.search}`);
    const answer = routes(url, init?.method ?? 'GET', init);
    const status = answer?.status ?? (answer === undefined ? 404 : 200);
    const body =
      answer === undefined ? { error: 'not_found', message: `${url.pathname} not found` } : answer.body;
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return {
    requests,
    requestsTo: (path) =>
      requests
        .map((request) => new URL(request, 'http://editor.test'))
        .filter((url) => url.pathname === path)
        .map((url) => url.searchParams),
  };
}
