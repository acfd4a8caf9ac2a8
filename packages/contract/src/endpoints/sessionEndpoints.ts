import { errorSchema } from '../errorContract.ts';
import {
  changePasswordBodySchema,
  loginBodySchema,
  sessionUserSchema,
  tooManyAttemptsSchema,
} from '../sessionContract.ts';
import { defineEndpoint } from './Endpoint.ts';

const tag = 'session';

/** Logging in and out, and one's own password. */
export const sessionEndpoints = {
  logIn: defineEndpoint({
    method: 'post',
    path: '/session',
    summary: 'Log in: sets the session cookie `callflow_session` (12 hours)',
    tag,
    access: 'public',
    allowedBeforePasswordChange: true,
    body: loginBodySchema,
    responses: { 200: sessionUserSchema, 401: errorSchema, 429: tooManyAttemptsSchema },
    success: 200,
  }),
  currentSession: defineEndpoint({
    method: 'get',
    path: '/session',
    summary: 'The logged-in user',
    tag,
    access: 'viewer',
    allowedBeforePasswordChange: true,
    responses: { 200: sessionUserSchema },
    success: 200,
  }),
  logOut: defineEndpoint({
    method: 'delete',
    path: '/session',
    summary: 'Log out: ends the session and clears its cookie (also fine without one)',
    tag,
    access: 'public',
    allowedBeforePasswordChange: true,
    responses: { 204: null },
    success: 204,
  }),
  changePassword: defineEndpoint({
    method: 'put',
    path: '/session/password',
    summary:
      "Change one's own password: ends one's other sessions, and this one goes on under a new session cookie",
    tag,
    access: 'viewer',
    allowedBeforePasswordChange: true,
    body: changePasswordBodySchema,
    responses: { 200: sessionUserSchema, 429: tooManyAttemptsSchema },
    success: 200,
  }),
};
