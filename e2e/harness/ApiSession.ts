export interface ApiAnswer {
  readonly status: number;
  /** The parsed body when the answer is JSON, else null. */
  readonly json: unknown;
  /** The body as text, exactly as sent (to search it for what must never be there). */
  readonly text: string;
}

/** One person using the API as the browser does: a session cookie from POST /api/session. */
export class ApiSession {
  #cookie = '';

  constructor(readonly base: string) {}

  /** Logs in; throws when the API refuses. */
  static async logIn(base: string, username: string, password: string): Promise<ApiSession> {
    const session = new ApiSession(base);
    const answer = await session.request('POST', '/api/session', { username, password });
    if (answer.status !== 200) throw new Error(`logging in as ${username} answered ${answer.status}`);
    return session;
  }

  async request(method: string, path: string, body?: unknown): Promise<ApiAnswer> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        cookie: this.#cookie,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie !== null) this.#cookie = setCookie.split(';')[0] ?? '';
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('json') ?? false;
    return { status: response.status, json: isJson && text !== '' ? JSON.parse(text) : null, text };
  }
}
