import { createHash, randomBytes } from 'node:crypto';
import { type Role, roles } from '@callflow/contract';
import type { Request } from 'express';
import type { ApiServices, AuthenticatedUser } from '../../http/ApiServices.ts';

export const SESSION_COOKIE = 'callflow_session';
/** A session ends 12 hours after login (not sliding). */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

/** 32 random bytes in base64url: exactly 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** What the Session table stores instead of the token: a stolen database row cannot log anyone in. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The session token in the request's Cookie header, if it carries one that looks like ours. */
export function sessionTokenOf(request: Request): string | null {
  const header = request.headers.cookie;
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() !== SESSION_COOKIE) continue;
    let value = part.slice(separator + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    // A browser may send several cookies of that name (other paths or domains): take the first of ours.
    if (TOKEN_PATTERN.test(value)) return value;
  }
  return null;
}

/** The Session.id of the request's session cookie (whether or not that session still exists). */
export function sessionIdOfRequest(request: Request): string | null {
  const token = sessionTokenOf(request);
  return token === null ? null : sessionIdOf(token);
}

function cookieAttributes(request: Request, maxAgeSeconds: number, expires: Date): string {
  // `request.secure` is true over HTTPS, also behind a trusted proxy that sets X-Forwarded-Proto.
  const secure = request.secure ? '; Secure' : '';
  return `; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}; Expires=${expires.toUTCString()}${secure}`;
}

export function sessionCookie(request: Request, token: string, expiresAt: Date): string {
  const maxAge = Math.max(0, Math.round((expiresAt.getTime() - Date.now()) / 1000));
  return `${SESSION_COOKIE}=${token}${cookieAttributes(request, maxAge, expiresAt)}`;
}

export function clearedSessionCookie(request: Request): string {
  return `${SESSION_COOKIE}=${cookieAttributes(request, 0, new Date(0))}`;
}

/** Starts a session for the user; returns the cookie token (only its hash is stored). */
export async function createSession(
  services: ApiServices,
  userId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  await services.db.prisma.session.create({ data: { id: sessionIdOf(token), userId, expiresAt } });
  return { token, expiresAt };
}

/**
 * Ends one session (logout, or a new login in the same browser) and tells the live streams of its
 * user; a session that does not exist is fine.
 */
export async function endSession(services: ApiServices, id: string): Promise<void> {
  const session = await services.db.prisma.session.findUnique({ where: { id }, select: { userId: true } });
  if (session === null) return;
  await services.db.prisma.session.deleteMany({ where: { id } });
  services.liveStreams.userChanged(session.userId);
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

/** Forgets sessions that have expired (a lookup also deletes an expired session it finds). */
export async function deleteExpiredSessions(services: ApiServices): Promise<void> {
  await services.db.prisma.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** The user of the request's session cookie: null without one, or when it is unknown or expired. */
export function authenticateRequest(
  services: ApiServices,
): (request: Request) => Promise<AuthenticatedUser | null> {
  return async (request) => {
    const id = sessionIdOfRequest(request);
    if (id === null) return null;
    const session = await services.db.prisma.session.findUnique({
      where: { id },
      include: { user: { select: { id: true, username: true, role: true, mustChangePassword: true } } },
    });
    if (session === null) return null;
    if (session.expiresAt.getTime() <= Date.now()) {
      await services.db.prisma.session.deleteMany({ where: { id } });
      return null;
    }
    const { user } = session;
    if (!isRole(user.role)) return null;
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      mustChangePassword: user.mustChangePassword,
      session: { id, expiresAt: session.expiresAt },
    };
  };
}
