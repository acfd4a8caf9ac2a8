import { roleSchema, type SessionUser, type UserView } from '@callflow/contract';

/** The columns `toUserView` needs; select these, never the whole row with its hash. */
export const userViewSelect = {
  id: true,
  username: true,
  role: true,
  mustChangePassword: true,
  createdAt: true,
  updatedAt: true,
} as const;

export function toUserView(user: {
  id: string;
  username: string;
  role: string;
  mustChangePassword: boolean;
  createdAt: Date;
  updatedAt: Date;
}): UserView {
  return {
    id: user.id,
    username: user.username,
    // The column only ever receives a parsed role; an unknown one is shown as the least.
    role: roleSchema.catch('viewer').parse(user.role),
    mustChangePassword: user.mustChangePassword,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** The logged-in user as GET /session shows it. */
export function toSessionUser(user: {
  id: string;
  username: string;
  role: string;
  mustChangePassword: boolean;
}): SessionUser {
  return {
    id: user.id,
    username: user.username,
    // The column only ever receives a parsed role; an unknown one is shown as the least.
    role: roleSchema.catch('viewer').parse(user.role),
    mustChangePassword: user.mustChangePassword,
  };
}

/** Usernames are lowercase; a login typed as `Admin ` still finds `admin`. */
export function normalizeLoginName(username: string): string {
  return username.trim().toLowerCase();
}
