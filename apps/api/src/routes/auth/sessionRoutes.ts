import { endpoints } from '@callflow/contract';
import { implement } from '../../http/implement.ts';
import { loggedIn } from '../../http/loggedIn.ts';
import { changeOwnPassword, currentUser, logIn } from '../../services/auth/passwordLogins.ts';
import { clearedSessionCookie, endSession, sessionIdOfRequest } from '../../services/auth/sessions.ts';

/** 429 too_many_attempts with Retry-After. */
function tooManyAttempts(retryAfterSeconds: number) {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return {
    status: 429,
    headers: { 'Retry-After': String(retryAfterSeconds) },
    body: {
      error: 'too_many_attempts',
      message: `too many failed login attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      retryAfterSeconds,
    },
  } as const;
}

export const sessionRoutes = {
  logIn: implement(endpoints.logIn).with(async ({ body, services, request }) => {
    const outcome = await logIn(services, request, body);
    if (!outcome.ok) return tooManyAttempts(outcome.retryAfterSeconds);
    return { status: 200, headers: { 'Set-Cookie': outcome.cookie }, body: outcome.user };
  }),

  currentSession: implement(endpoints.currentSession).with(async ({ user, services }) => ({
    status: 200,
    body: await currentUser(services, loggedIn(user)),
  })),

  logOut: implement(endpoints.logOut).with(async ({ services, request }) => {
    const id = sessionIdOfRequest(request);
    if (id !== null) await endSession(services, id);
    return { status: 204, headers: { 'Set-Cookie': clearedSessionCookie(request) } };
  }),

  changePassword: implement(endpoints.changePassword).with(async ({ body, user, services, request }) => {
    const outcome = await changeOwnPassword(services, request, loggedIn(user), body);
    if (!outcome.ok) return tooManyAttempts(outcome.retryAfterSeconds);
    return { status: 200, headers: { 'Set-Cookie': outcome.cookie }, body: outcome.user };
  }),
};
