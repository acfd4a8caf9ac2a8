import { type SessionUser, sessionEndpoints } from '@callflow/contract';
import { ApiError } from './ApiError.ts';
import { callEndpoint } from './callEndpoint.ts';

export type { SessionUser };

/** Logging in and out, and the logged-in user. */
export const sessionApi = {
  /** The logged-in user, or null when there is no valid session. */
  async current(): Promise<SessionUser | null> {
    try {
      return await callEndpoint(sessionEndpoints.currentSession, {});
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  login: (username: string, password: string) =>
    callEndpoint(sessionEndpoints.logIn, { body: { username, password } }),
  logout: () => callEndpoint(sessionEndpoints.logOut, {}),
  changePassword: (currentPassword: string, newPassword: string) =>
    callEndpoint(sessionEndpoints.changePassword, { body: { currentPassword, newPassword } }),
};
