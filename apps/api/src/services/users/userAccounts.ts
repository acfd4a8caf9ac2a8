import type { CreateUserBody, UpdateUserBody, UserView } from '@callflow/contract';
import { isUniqueConstraintViolation, Prisma } from '@callflow/db';
import type { Request } from 'express';
import { ApiError } from '../../http/ApiError.ts';
import type { ApiServices, AuthenticatedUser } from '../../http/ApiServices.ts';
import { rotateSessions } from '../auth/sessions.ts';
import { toUserView, userViewSelect } from './userViews.ts';

type Transaction = Prisma.TransactionClient;

// Changes that could leave no admin run one at a time per API process.
const adminChangeQueues = new WeakMap<ApiServices, Promise<unknown>>();

/**
 * Runs a change that could take the admin role from the last admin, so that two admins demoting each
 * other at the same moment cannot both succeed. Within this process such changes run one at a time.
 * On PostgreSQL they also run in a transaction that locks the admin rows (see `lockAdmins`), which
 * holds across processes. On SQLite they do not use an interactive transaction: its adapter has one
 * connection, so other requests' writes made meanwhile would join the transaction (and be lost if it
 * rolled back); the single connection and this queue are what keep the check and the change together.
 */
function adminChange<T>(services: ApiServices, work: (db: Transaction) => Promise<T>): Promise<T> {
  const run = () =>
    services.db.engine === 'postgresql' ? services.db.prisma.$transaction(work) : work(services.db.prisma);
  const previous = adminChangeQueues.get(services) ?? Promise.resolve();
  const result = previous.then(run, run);
  adminChangeQueues.set(
    services,
    result.catch(() => undefined),
  );
  return result;
}

/**
 * The ids of the admins. On PostgreSQL they stay locked until the transaction ends: a concurrent
 * demotion or deletion (from another process too) waits, then sees the outcome of this one.
 */
async function lockAdmins(services: ApiServices, db: Transaction): Promise<string[]> {
  if (services.db.engine === 'postgresql') {
    // In a fixed order, so that two transactions never wait for each other.
    const rows: { id: string }[] =
      await db.$queryRaw`SELECT id FROM "User" WHERE role = 'admin' ORDER BY id FOR UPDATE`;
    return rows.map((row) => row.id);
  }
  const rows = await db.user.findMany({ where: { role: 'admin' }, select: { id: true } });
  return rows.map((row) => row.id);
}

/** Refuses to take the admin role from the only admin. */
function refuseIfLastAdmin(
  admins: readonly string[],
  target: { id: string; username: string; role: string },
  doing: string,
) {
  if (target.role !== 'admin' || admins.some((id) => id !== target.id)) return;
  throw ApiError.conflict(
    'last_admin',
    `cannot ${doing} ${target.username}: it is the last admin; make another user admin first`,
  );
}

/** Every user, by username. */
export async function listUsers(services: ApiServices): Promise<UserView[]> {
  const users = await services.db.prisma.user.findMany({
    select: userViewSelect,
    orderBy: { username: 'asc' },
  });
  return users.map(toUserView);
}

/** Creates a user (who must choose their own password unless told otherwise); 409 when the name is taken. */
export async function createUser(
  services: ApiServices,
  actor: AuthenticatedUser,
  body: CreateUserBody,
): Promise<UserView> {
  const taken = () => ApiError.conflict('username_taken', `the username ${body.username} is already taken`);
  if ((await services.db.prisma.user.count({ where: { username: body.username } })) > 0) throw taken();
  const mustChangePassword = body.mustChangePassword ?? true;
  let created: Parameters<typeof toUserView>[0];
  try {
    created = await services.db.prisma.user.create({
      data: {
        username: body.username,
        passwordHash: await services.passwords.hash(body.password),
        role: body.role,
        mustChangePassword,
      },
      select: userViewSelect,
    });
  } catch (error) {
    if (isUniqueConstraintViolation(error)) throw taken();
    throw error;
  }
  await services.audit({
    actor: actor.username,
    action: 'user_create',
    target: created.username,
    details: { role: body.role, mustChangePassword },
  });
  return toUserView(created);
}

/**
 * Changes a user's role, password or pending password change. The last admin cannot be demoted. A new
 * password ends the user's sessions; admins setting their own go on under a new session cookie
 * (`ownSessionCookie`).
 */
export async function updateUser(
  services: ApiServices,
  request: Request,
  actor: AuthenticatedUser,
  userId: string,
  body: UpdateUserBody,
): Promise<{ user: UserView; ownSessionCookie: string | undefined }> {
  const passwordHash = body.password === undefined ? undefined : await services.passwords.hash(body.password);
  const demoting = body.role !== undefined && body.role !== 'admin';
  const change = async (tx: Transaction) => {
    // Locked before the target is read, so that it is read as the previous change left it.
    const admins = demoting ? await lockAdmins(services, tx) : [];
    const target = await tx.user.findUnique({ where: { id: userId }, select: userViewSelect });
    if (target === null) throw ApiError.notFound(`user ${userId}`);
    if (demoting) refuseIfLastAdmin(admins, target, 'demote');
    const mustChangePassword =
      body.mustChangePassword ?? (passwordHash === undefined ? undefined : target.id !== actor.id);
    const updated = await tx.user
      .update({
        where: { id: target.id },
        data: { role: body.role, passwordHash, mustChangePassword },
        select: userViewSelect,
      })
      .catch((error: unknown) => {
        // Deleted by a concurrent request since it was read.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') {
          throw ApiError.notFound(`user ${userId}`);
        }
        throw error;
      });
    return { before: target, after: updated };
  };
  const { before, after } = demoting ? await adminChange(services, change) : await change(services.db.prisma);
  let sessionsEnded = 0;
  let ownSessionCookie: string | undefined;
  if (passwordHash !== undefined && before.id === actor.id) {
    // Admins setting their own password: like a password change, their session goes on under a new id.
    const rotated = await rotateSessions(services, request, before.id);
    sessionsEnded = rotated.otherSessionsEnded;
    ownSessionCookie = rotated.cookie;
  } else if (passwordHash !== undefined) {
    // A new password ends the user's sessions.
    const ended = await services.db.prisma.session.deleteMany({ where: { userId: before.id } });
    sessionsEnded = ended.count;
  }
  // Role, password or pending password change: the user's live streams check what they still may do.
  services.liveStreams.userChanged(before.id);
  const details: Record<string, unknown> = {};
  if (before.role !== after.role) details.role = { from: before.role, to: after.role };
  if (passwordHash !== undefined) details.password = 'set';
  if (before.mustChangePassword !== after.mustChangePassword)
    details.mustChangePassword = after.mustChangePassword;
  if (sessionsEnded > 0) details.sessionsEnded = sessionsEnded;
  if (Object.keys(details).length > 0) {
    await services.audit({ actor: actor.username, action: 'user_update', target: after.username, details });
  }
  return { user: toUserView(after), ownSessionCookie };
}

/** Deletes a user and their sessions; the last admin cannot be deleted. */
export async function deleteUser(
  services: ApiServices,
  actor: AuthenticatedUser,
  userId: string,
): Promise<void> {
  const deleted = await adminChange(services, async (tx) => {
    const admins = await lockAdmins(services, tx);
    const target = await tx.user.findUnique({ where: { id: userId }, select: userViewSelect });
    if (target === null) throw ApiError.notFound(`user ${userId}`);
    refuseIfLastAdmin(admins, target, 'delete');
    // Sessions go with the user (cascade).
    await tx.user.delete({ where: { id: target.id } });
    return target;
  });
  services.liveStreams.userChanged(deleted.id);
  await services.audit({
    actor: actor.username,
    action: 'user_delete',
    target: deleted.username,
    details: { role: deleted.role },
  });
}
