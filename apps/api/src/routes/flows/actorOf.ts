import { ApiError } from '../../http/ApiError.ts';
import type { AuthenticatedUser } from '../../http/defineRoute.ts';

/**
 * The catalog actor of a route that needs a role: the logged-in user's name (mountRoutes has already
 * refused everyone else).
 */
export function actorOf(user: AuthenticatedUser | null): string {
  if (user === null) throw new ApiError(401, 'not_logged_in', 'log in first');
  return user.username;
}
