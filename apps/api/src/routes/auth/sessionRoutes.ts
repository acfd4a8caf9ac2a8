import {
  changePasswordBodySchema,
  errorSchema,
  loginBodySchema,
  roleSchema,
  type SessionUser,
  sessionUserSchema,
  tooManyAttemptsSchema,
} from '@callflow/contract';
import type { Request } from 'express';
import { ApiError } from '../../http/ApiError.ts';
import {
  type ApiServices,
  type AuthenticatedUser,
  defineRoute,
  type RouteResult,
} from '../../http/defineRoute.ts';
import { type LoginAttempt, loginLimiterOf } from './loginLimiter.ts';
import {
  clearedSessionCookie,
  createSession,
  deleteExpiredSessions,
  endSession,
  sessionCookie,
  sessionIdOfRequest,
} from './sessions.ts';
import { normalizeLoginName } from './users.ts';

const TAG = 'session';

function sessionUserOf(user: {
  id: string;
  username: string;
  role: string;
  mustChangePassword: boolean;
}): SessionUser {
  return {
    id: user.id,
    username: user.username,
    role: roleSchema.catch('viewer').parse(user.role),
    mustChangePassword: user.mustChangePassword,
  };
}

/** Routes with access other than `public` always have a user; this states it for the type checker. */
export function loggedIn(user: AuthenticatedUser | null): AuthenticatedUser {
  if (user === null) throw new ApiError(401, 'not_logged_in', 'log in first');
  return user;
}

function tooManyAttempts(retryAfterSeconds: number): RouteResult {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return {
    status: 429,
    headers: { 'Retry-After': String(retryAfterSeconds) },
    body: {
      error: 'too_many_attempts',
      message: `too many failed login attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      retryAfterSeconds,
    },
  };
}

function loginAttempt(request: Request, username: string): LoginAttempt {
  return { ip: request.ip ?? request.socket.remoteAddress, username };
}

async function loadUser(services: ApiServices, id: string) {
  const row = await services.db.prisma.user.findUnique({ where: { id } });
  if (row === null) throw new ApiError(401, 'not_logged_in', 'log in first');
  return row;
}

/**
 * After a password change: ends every session of the user, the request's own included, and starts a
 * new one for the request. Whoever held a copy of the old cookie (or of another session's) is out;
 * the browser that changed the password goes on with the new cookie.
 */
export async function rotateSessions(
  services: ApiServices,
  request: Request,
  userId: string,
): Promise<{ cookie: string; otherSessionsEnded: number }> {
  const current = sessionIdOfRequest(request);
  const others = await services.db.prisma.session.deleteMany({
    where: { userId, ...(current === null ? {} : { id: { not: current } }) },
  });
  if (current !== null) await services.db.prisma.session.deleteMany({ where: { id: current } });
  const session = await createSession(services, userId);
  services.liveStreams.userChanged(userId);
  return {
    cookie: sessionCookie(request, session.token, session.expiresAt),
    otherSessionsEnded: others.count,
  };
}

export const loginRoute = defineRoute({
  method: 'post',
  path: '/session',
  summary: 'Log in: sets the session cookie `callflow_session` (12 hours)',
  tag: TAG,
  access: 'public',
  allowedBeforePasswordChange: true,
  body: loginBodySchema,
  responses: { 200: sessionUserSchema, 401: errorSchema, 429: tooManyAttemptsSchema },
  handler: async ({ body, services, request }) => {
    const username = normalizeLoginName(body.username);
    const attempt = loginAttempt(request, username);
    const limiter = loginLimiterOf(services);
    const wait = limiter.tryAttempt(attempt);
    if (wait > 0) {
      services.log('warn', 'login refused: too many failed attempts', {
        ip: attempt.ip,
        retryAfterSeconds: wait,
      });
      return tooManyAttempts(wait);
    }
    const user = await services.db.prisma.user.findUnique({ where: { username } });
    const valid =
      user === null
        ? await services.passwords.verifyAgainstDummy(body.password)
        : await services.passwords.verify(body.password, user.passwordHash);
    if (user === null || !valid) {
      // The same answer either way: a login does not tell which usernames exist.
      services.log('warn', 'login failed', {
        ip: attempt.ip,
        username: user === null ? '(unknown)' : username,
      });
      throw new ApiError(401, 'invalid_credentials', 'wrong username or password');
    }
    limiter.succeeded(attempt);
    if (services.passwords.needsRehash(user.passwordHash)) {
      // Only the password at hand can make the stronger hash: hashes are upgraded as users log in.
      await services.db.prisma.user.update({
        where: { id: user.id },
        data: { passwordHash: await services.passwords.hash(body.password) },
      });
    }
    // Logging in again replaces the session the browser had.
    const previous = sessionIdOfRequest(request);
    if (previous !== null) await endSession(services, previous);
    await deleteExpiredSessions(services);
    const session = await createSession(services, user.id);
    services.log('info', 'logged in', { username });
    return {
      status: 200,
      headers: { 'Set-Cookie': sessionCookie(request, session.token, session.expiresAt) },
      body: sessionUserOf(user),
    };
  },
});

export const currentSessionRoute = defineRoute({
  method: 'get',
  path: '/session',
  summary: 'The logged-in user',
  tag: TAG,
  access: 'viewer',
  allowedBeforePasswordChange: true,
  responses: { 200: sessionUserSchema },
  handler: async ({ user, services }) => {
    const row = await loadUser(services, loggedIn(user).id);
    return { status: 200, body: sessionUserOf(row) };
  },
});

export const logoutRoute = defineRoute({
  method: 'delete',
  path: '/session',
  summary: 'Log out: ends the session and clears its cookie (also fine without one)',
  tag: TAG,
  access: 'public',
  allowedBeforePasswordChange: true,
  responses: { 204: null },
  handler: async ({ services, request }) => {
    const id = sessionIdOfRequest(request);
    if (id !== null) await endSession(services, id);
    return { status: 204, headers: { 'Set-Cookie': clearedSessionCookie(request) } };
  },
});

export const changePasswordRoute = defineRoute({
  method: 'put',
  path: '/session/password',
  summary:
    "Change one's own password: ends one's other sessions, and this one goes on under a new session cookie",
  tag: TAG,
  access: 'viewer',
  allowedBeforePasswordChange: true,
  body: changePasswordBodySchema,
  responses: { 200: sessionUserSchema, 429: tooManyAttemptsSchema },
  handler: async ({ body, user, services, request }) => {
    const { id, username } = loggedIn(user);
    // Guessing the current password from a stolen session counts like failed logins.
    const attempt = loginAttempt(request, username);
    const limiter = loginLimiterOf(services);
    const wait = limiter.tryAttempt(attempt);
    if (wait > 0) return tooManyAttempts(wait);
    const row = await loadUser(services, id);
    if (!(await services.passwords.verify(body.currentPassword, row.passwordHash))) {
      services.log('warn', 'password change refused: wrong current password', { ip: attempt.ip, username });
      throw ApiError.invalid(
        [{ path: 'body.currentPassword', message: 'this is not your current password' }],
        'the current password is not correct',
      );
    }
    limiter.succeeded(attempt);
    if (body.newPassword === body.currentPassword) {
      throw ApiError.invalid(
        [{ path: 'body.newPassword', message: 'choose a password different from the current one' }],
        'the new password is the same as the current one',
      );
    }
    const updated = await services.db.prisma.user.update({
      where: { id },
      data: { passwordHash: await services.passwords.hash(body.newPassword), mustChangePassword: false },
    });
    const rotated = await rotateSessions(services, request, id);
    await services.audit({
      actor: username,
      action: 'password_change',
      target: username,
      details: { otherSessionsEnded: rotated.otherSessionsEnded },
    });
    return { status: 200, headers: { 'Set-Cookie': rotated.cookie }, body: sessionUserOf(updated) };
  },
});

export const sessionRoutes = [loginRoute, currentSessionRoute, logoutRoute, changePasswordRoute];
