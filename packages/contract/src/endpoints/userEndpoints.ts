import { z } from 'zod';
import { auditListResponseSchema } from '../auditContract.ts';
import { errorSchema } from '../errorContract.ts';
import { instantSchema, intIdCursor } from '../pagination.ts';
import {
  createUserBodySchema,
  updateUserBodySchema,
  userListResponseSchema,
  userViewSchema,
} from '../userContract.ts';
import { defineEndpoint } from './Endpoint.ts';

const tag = 'users';
const userParams = z.object({ userId: z.uuid('a user id is a UUID') });

/** The tag of audit cursors (see pagination.ts). */
export const AUDIT_CURSOR_TAG = 'audit';

/** Users (admins only) and the audit log of who changed what. */
export const userEndpoints = {
  listUsers: defineEndpoint({
    method: 'get',
    path: '/users',
    summary: 'Every user, by username',
    tag,
    access: 'admin',
    responses: { 200: userListResponseSchema },
    success: 200,
  }),
  createUser: defineEndpoint({
    method: 'post',
    path: '/users',
    summary: 'Create a user',
    tag,
    access: 'admin',
    body: createUserBodySchema,
    responses: { 201: userViewSchema, 409: errorSchema },
    success: 201,
  }),
  updateUser: defineEndpoint({
    method: 'patch',
    path: '/users/:userId',
    summary: "Change a user's role or set a new password (ends that user's sessions)",
    tag,
    access: 'admin',
    params: userParams,
    body: updateUserBodySchema,
    responses: { 200: userViewSchema, 404: errorSchema, 409: errorSchema },
    success: 200,
  }),
  deleteUser: defineEndpoint({
    method: 'delete',
    path: '/users/:userId',
    summary: 'Delete a user (and end their sessions)',
    tag,
    access: 'admin',
    params: userParams,
    responses: { 204: null, 404: errorSchema, 409: errorSchema },
    success: 204,
  }),
  listAudit: defineEndpoint({
    method: 'get',
    path: '/audit',
    summary: 'Audit events, newest first: who changed what (publications, imports, deletions, users)',
    tag: 'audit',
    access: 'admin',
    query: z.object({
      action: z.string().min(1).max(100).optional().describe('only this action, e.g. publish or user_update'),
      actor: z.string().min(1).max(100).optional().describe('only events by this username'),
      since: instantSchema.optional().describe('events at or after this instant (date or date-time)'),
      until: instantSchema.optional().describe('events before this instant (date or date-time)'),
      limit: z.coerce
        .number('limit is a number')
        .int('limit is a whole number')
        .min(1, 'limit is at least 1')
        .max(200, 'limit is at most 200')
        .default(50)
        .describe('events per page, 1 to 200'),
      cursor: intIdCursor
        .schema(AUDIT_CURSOR_TAG)
        .optional()
        .describe('nextCursor of the previous page, as it is'),
    }),
    responses: { 200: auditListResponseSchema },
    success: 200,
  }),
};
