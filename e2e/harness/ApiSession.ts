export interface ApiAnswer {
  readonly status: number;
  /** The parsed body when the answer is JSON, else null. */
  readonly json: unknown;
  /** The body as text, exactly as sent (to search it for what must never be there). */
  readonly text: string;
  /** The body's bytes (a recording, a download). */
  readonly bytes: Buffer;
}

/** One answer the session received, to search afterwards for what must never be in any. */
export interface LoggedAnswer {
  readonly path: string;
  /** Every byte as one character (latin1), so that nothing is lost even in a binary body. */
  readonly text: string;
}

/** One person using the API as the browser does: a session cookie from POST /api/session. */
export class ApiSession {
  #cookie = '';
  /** Every answer this session received, in order. */
  readonly answers: LoggedAnswer[] = [];

  constructor(readonly base: string) {}

  /** Logs in; throws when the API refuses. */
  static async logIn(base: string, username: string, password: string): Promise<ApiSession> {
    const session = new ApiSession(base);
    const answer = await session.request('POST', '/api/session', { username, password });
    if (answer.status !== 200) throw new Error(`logging in as ${username} answered ${answer.status}`);
    return session;
  }

  /**
   * The first admin's first login, with the password the product was started with: until it chooses
   * its own (`chosenPassword`) the API answers only the session routes.
   */
  static async logInAsFirstAdmin(
    base: string,
    firstPassword: string,
    chosenPassword: string,
  ): Promise<ApiSession> {
    const session = await ApiSession.logIn(base, 'admin', firstPassword);
    const answer = await session.request('PUT', '/api/session/password', {
      currentPassword: firstPassword,
      newPassword: chosenPassword,
    });
    if (answer.status !== 200) throw new Error(`choosing the admin's password answered ${answer.status}`);
    return session;
  }

  request(method: string, path: string, body?: unknown): Promise<ApiAnswer> {
    return this.#send(
      method,
      path,
      body === undefined ? undefined : JSON.stringify(body),
      'application/json',
    );
  }

  /** Sends bytes as they are (an audio file), as the browser does when it uploads a file. */
  upload(method: string, path: string, bytes: Uint8Array, contentType: string): Promise<ApiAnswer> {
    // A copy on its own ArrayBuffer: what fetch takes as a body.
    return this.#send(method, path, new Uint8Array(bytes), contentType);
  }

  async #send(
    method: string,
    path: string,
    body: string | Uint8Array<ArrayBuffer> | undefined,
    contentType: string,
  ): Promise<ApiAnswer> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { cookie: this.#cookie, ...(body === undefined ? {} : { 'content-type': contentType }) },
      ...(body === undefined ? {} : { body }),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie !== null) this.#cookie = setCookie.split(';')[0] ?? '';
    const bytes = Buffer.from(await response.arrayBuffer());
    this.answers.push({ path, text: bytes.toString('latin1') });
    const text = bytes.toString();
    const isJson = response.headers.get('content-type')?.includes('json') ?? false;
    return { status: response.status, json: isJson && text !== '' ? JSON.parse(text) : null, text, bytes };
  }
}
