/**
 * Logged-in HTTP clients for API tests.
 *
 *   const api = await startTestApi(engine, testAdminEnv);   // the first admin gets a known password
 *   const as = await loginAs(api);                         // a new user per role, each logged in
 *   const { status, body } = await as.editor.post('/api/flows', { name: 'Main menu' });
 *   expect((await as.viewer.delete('/api/flows/x')).status).toBe(403);
 *   expect((await as.anonymous.get('/api/flows')).status).toBe(401);
 *
 * Paths are full URL paths (`/api/...`). A client sends its session cookie and JSON bodies, and
 * returns `{ status, body, headers }` where body is the parsed JSON, or null when there is none.
 * The type parameter only declares what you expect: `as.admin.get<{ items: User[] }>('/api/users')`.
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '@callflow/contract';
import type { TestApi } from './startTestApi.ts';

/** The password of the first admin (`admin`) when the API is started with `testAdminEnv`. */
export const TEST_ADMIN_PASSWORD = 'test-admin-password';
export const testAdminEnv: Record<string, string> = { CALLFLOW_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD };
/** The password of every user `loginAs` creates. */
export const TEST_USER_PASSWORD = 'test-user-password';

export interface ApiResponse<T> {
  readonly status: number;
  /** Parsed JSON; null when the response has no body or it is not JSON. */
  readonly body: T;
  readonly headers: Headers;
}

export interface ApiClient {
  /** Empty for the anonymous client. */
  readonly username: string;
  /** The Cookie header it sends (empty for the anonymous client), for requests made with fetch directly. */
  readonly cookie: string;
  get<T = unknown>(path: string): Promise<ApiResponse<T>>;
  post<T = unknown>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  put<T = unknown>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  patch<T = unknown>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  delete<T = unknown>(path: string): Promise<ApiResponse<T>>;
}

export type RoleClients = Record<Role, ApiClient> & { readonly anonymous: ApiClient };

/** A client sending `cookie` (a `callflow_session=...` pair, or '' for none). */
export function apiClient(api: TestApi, cookie = '', username = ''): ApiClient {
  const send = async <T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = {};
    if (cookie !== '') headers.cookie = cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = null;
    if (text !== '' && (response.headers.get('content-type') ?? '').includes('json'))
      parsed = JSON.parse(text);
    return { status: response.status, body: parsed as T, headers: response.headers };
  };
  return {
    username,
    cookie,
    get: (path) => send('GET', path),
    post: (path, body) => send('POST', path, body),
    put: (path, body) => send('PUT', path, body),
    patch: (path, body) => send('PATCH', path, body),
    delete: (path) => send('DELETE', path),
  };
}

/**
 * The first admin (`admin`) as if it had already chosen its own password: until then the API answers
 * it only on the session routes, and tests that use it to set things up skip that step.
 */
export async function firstAdminReady(api: TestApi): Promise<void> {
  await api.db.prisma.user.updateMany({ where: { username: 'admin' }, data: { mustChangePassword: false } });
}

/** Logs in over HTTP; throws (with the API's message) unless that works. */
export async function logIn(api: TestApi, username: string, password: string): Promise<ApiClient> {
  const response = await fetch(`${api.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) {
    const hint =
      username === 'admin'
        ? ' (start the API with startTestApi(engine, testAdminEnv) so the first admin has TEST_ADMIN_PASSWORD)'
        : '';
    throw new Error(`cannot log in as ${username}: HTTP ${response.status} ${await response.text()}${hint}`);
  }
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('callflow_session='));
  if (cookie === undefined) throw new Error(`logging in as ${username} set no session cookie`);
  return apiClient(api, cookie, username);
}

/**
 * Creates, through the first admin (made ready with `firstAdminReady`), one user per role (`viewer-<random>`, `editor-<random>`,
 * `admin-<random>`, password TEST_USER_PASSWORD) and logs each in; also gives an anonymous client.
 * Can be called several times on one API: every call makes new users.
 */
export async function loginAs(api: TestApi, adminPassword = TEST_ADMIN_PASSWORD): Promise<RoleClients> {
  await firstAdminReady(api);
  const firstAdmin = await logIn(api, 'admin', adminPassword);
  const suffix = randomBytes(4).toString('hex');
  const userWithRole = async (role: Role): Promise<ApiClient> => {
    const username = `${role}-${suffix}`;
    const created = await firstAdmin.post('/api/users', {
      username,
      password: TEST_USER_PASSWORD,
      role,
      mustChangePassword: false,
    });
    if (created.status !== 201) {
      throw new Error(
        `cannot create the ${role} user: HTTP ${created.status} ${JSON.stringify(created.body)}`,
      );
    }
    return logIn(api, username, TEST_USER_PASSWORD);
  };
  return {
    viewer: await userWithRole('viewer'),
    editor: await userWithRole('editor'),
    admin: await userWithRole('admin'),
    anonymous: apiClient(api),
  };
}
