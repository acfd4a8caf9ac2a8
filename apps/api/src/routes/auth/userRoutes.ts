import { endpoints } from '@callflow/contract';
import { implement } from '../../http/implement.ts';
import { loggedIn } from '../../http/loggedIn.ts';
import { readAuditLog } from '../../services/users/auditLog.ts';
import { createUser, deleteUser, listUsers, updateUser } from '../../services/users/userAccounts.ts';

export const userRoutes = {
  listUsers: implement(endpoints.listUsers).with(async ({ services }) => ({
    status: 200,
    body: { items: await listUsers(services) },
  })),

  createUser: implement(endpoints.createUser).with(async ({ body, user, services }) => ({
    status: 201,
    body: await createUser(services, loggedIn(user), body),
  })),

  updateUser: implement(endpoints.updateUser).with(async ({ params, body, user, services, request }) => {
    const updated = await updateUser(services, request, loggedIn(user), params.userId, body);
    return {
      status: 200,
      ...(updated.ownSessionCookie === undefined
        ? {}
        : { headers: { 'Set-Cookie': updated.ownSessionCookie } }),
      body: updated.user,
    };
  }),

  deleteUser: implement(endpoints.deleteUser).with(async ({ params, user, services }) => {
    await deleteUser(services, loggedIn(user), params.userId);
    return { status: 204 };
  }),

  listAudit: implement(endpoints.listAudit).with(async ({ query, services }) => ({
    status: 200,
    body: await readAuditLog(services.db, query),
  })),
};
