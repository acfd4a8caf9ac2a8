import { loginAs, testAdminEnv } from './loginAs.ts';
import { type Engine, startTestApi, type TestApi } from './startTestApi.ts';

/** Starts the API (first admin with the test password, plus `env`) and logs a viewer in. */
export async function startWithViewer(
  engine: Engine,
  env: Record<string, string> = {},
): Promise<{ api: TestApi; cookie: string }> {
  const api = await startTestApi(engine, { ...testAdminEnv, ...env });
  try {
    return { api, cookie: (await loginAs(api)).viewer.cookie };
  } catch (error) {
    await api.stop();
    throw error;
  }
}

/** GET below /api with the cookie (null: none); returns the status and the parsed JSON body (or text). */
export async function getJson<T = unknown>(
  api: TestApi,
  cookie: string | null,
  path: string,
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${api.url}/api${path}`, {
    headers: cookie === null ? {} : { cookie },
  });
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('application/json')) body = JSON.parse(text);
  return { status: response.status, body: body as T, headers: response.headers };
}
