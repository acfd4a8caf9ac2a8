import { z } from 'zod';
import { roles } from '../../http/defineRoute.ts';

export const usernameSchema = z
  .string()
  .min(3, 'a username has at least 3 characters')
  .max(40, 'a username has at most 40 characters')
  .regex(/^[a-z0-9._-]+$/, 'a username uses only lowercase letters, digits, dot, underscore and hyphen');

export const roleSchema = z.enum(roles);

/** A user as the API shows it: never the password hash. */
export const userViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: roleSchema,
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserView = z.output<typeof userViewSchema>;

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

/** Usernames are lowercase; a login typed as `Admin ` still finds `admin`. */
export function normalizeLoginName(username: string): string {
  return username.trim().toLowerCase();
}
