import { endpoints, type SessionUser } from '@callflow/contract';
import { ApiError } from './ApiError.ts';
import { callEndpoint } from './callEndpoint.ts';

export type { SessionUser };

/** Logging in and out, and the logged-in user. */
export const sessionApi = {
  /** The logged-in user, or null when there is no valid session. */
  async current(): Promise<SessionUser | null> {
    try {
      return await callEndpoint(endpoints.currentSession, {});
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  login: (username: string, password: string) =>
    callEndpoint(endpoints.logIn, { body: { username, password } }),
  logout: () => callEndpoint(endpoints.logOut, {}),
  changePassword: (currentPassword: string, newPassword: string) =>
    callEndpoint(endpoints.changePassword, { body: { currentPassword, newPassword } }),
};
