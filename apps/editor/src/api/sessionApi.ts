import { sessionUserSchema } from '@callflow/contract';
import { z } from 'zod';
import { ApiError } from './ApiError.ts';
import { apiRequest } from './apiRequest.ts';

export type SessionUser = z.output<typeof sessionUserSchema>;

/** Logging in and out, and the logged-in user. */
export const sessionApi = {
  /** The logged-in user, or null when there is no valid session. */
  async current(): Promise<SessionUser | null> {
    try {
      return await apiRequest('/session', sessionUserSchema);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  login: (username: string, password: string) =>
    apiRequest('/session', sessionUserSchema, { method: 'POST', body: { username, password } }),
  logout: () => apiRequest('/session', z.null(), { method: 'DELETE' }),
  changePassword: (currentPassword: string, newPassword: string) =>
    apiRequest('/session/password', sessionUserSchema, {
      method: 'PUT',
      body: { currentPassword, newPassword },
    }),
};
