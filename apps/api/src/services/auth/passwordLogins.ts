import {
  type ChangePasswordBody,
  type LoginBody,
  requestProblem,
  type SessionUser,
} from '@callflow/contract';
import type { Request } from 'express';
import { ApiError } from '../../http/ApiError.ts';
import type { ApiServices, AuthenticatedUser } from '../../http/ApiServices.ts';
import { normalizeLoginName, toSessionUser } from '../users/userViews.ts';
import { type LoginAttempt, loginLimiterOf } from './loginLimiter.ts';
import {
  createSession,
  deleteExpiredSessions,
  endSession,
  rotateSessions,
  sessionCookie,
  sessionIdOfRequest,
} from './sessions.ts';

/** A password was checked: the user and the new session cookie, or too many failures to try now. */
export type PasswordOutcome =
  | { readonly ok: true; readonly user: SessionUser; readonly cookie: string }
  | { readonly ok: false; readonly retryAfterSeconds: number };

function loginAttempt(request: Request, username: string): LoginAttempt {
  return { ip: request.ip ?? request.socket.remoteAddress, username };
}

async function loadUser(services: ApiServices, id: string) {
  const row = await services.db.prisma.user.findUnique({ where: { id } });
  if (row === null) throw new ApiError(401, 'not_logged_in', 'log in first');
  return row;
}

/** The logged-in user as stored now (role and pending password change may have changed since login). */
export async function currentUser(services: ApiServices, user: AuthenticatedUser): Promise<SessionUser> {
  return toSessionUser(await loadUser(services, user.id));
}

/**
 * Logs in with a username and password: limited per address and per username at an address, the
 * same answer whether the username exists or not, hashes upgraded as users log in, and the browser's
 * previous session replaced by a new one.
 */
export async function logIn(
  services: ApiServices,
  request: Request,
  body: LoginBody,
): Promise<PasswordOutcome> {
  const username = normalizeLoginName(body.username);
  const attempt = loginAttempt(request, username);
  const limiter = loginLimiterOf(services);
  const wait = limiter.tryAttempt(attempt);
  if (wait > 0) {
    services.log('warn', 'login refused: too many failed attempts', {
      ip: attempt.ip,
      retryAfterSeconds: wait,
    });
    return { ok: false, retryAfterSeconds: wait };
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
    ok: true,
    user: toSessionUser(user),
    cookie: sessionCookie(request, session.token, session.expiresAt),
  };
}

/**
 * Changes one's own password: the current one must be right (guessing it from a stolen session counts
 * like failed logins) and the new one different; every other session ends and this one goes on under
 * a new cookie.
 */
export async function changeOwnPassword(
  services: ApiServices,
  request: Request,
  user: AuthenticatedUser,
  body: ChangePasswordBody,
): Promise<PasswordOutcome> {
  const { id, username } = user;
  const attempt = loginAttempt(request, username);
  const limiter = loginLimiterOf(services);
  const wait = limiter.tryAttempt(attempt);
  if (wait > 0) return { ok: false, retryAfterSeconds: wait };
  const row = await loadUser(services, id);
  if (!(await services.passwords.verify(body.currentPassword, row.passwordHash))) {
    services.log('warn', 'password change refused: wrong current password', { ip: attempt.ip, username });
    throw ApiError.invalid(
      [requestProblem('body.currentPassword', 'this is not your current password')],
      'the current password is not correct',
    );
  }
  limiter.succeeded(attempt);
  if (body.newPassword === body.currentPassword) {
    throw ApiError.invalid(
      [requestProblem('body.newPassword', 'choose a password different from the current one')],
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
  return { ok: true, user: toSessionUser(updated), cookie: rotated.cookie };
}
