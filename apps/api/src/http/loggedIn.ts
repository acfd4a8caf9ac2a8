import { ApiError } from './ApiError.ts';
import type { AuthenticatedUser } from './ApiServices.ts';

/** Routes with access other than `public` always have a user; this states it for the type checker. */
export function loggedIn(user: AuthenticatedUser | null): AuthenticatedUser {
  if (user === null) throw new ApiError(401, 'not_logged_in', 'log in first');
  return user;
}
