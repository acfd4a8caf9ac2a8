import { z } from 'zod';
import { passwordSchema, roleSchema } from './sessionContract.ts';

/** The rules for a new username (login lowercases and trims what is typed). */
export const usernameSchema = z
  .string()
  .min(3, 'a username has at least 3 characters')
  .max(40, 'a username has at most 40 characters')
  .regex(/^[a-z0-9._-]+$/, 'a username uses only lowercase letters, digits, dot, underscore and hyphen');

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

/** GET /users: by username. */
export const userListResponseSchema = z.object({ items: z.array(userViewSchema) });
export type UserListResponse = z.output<typeof userListResponseSchema>;

/** POST /users */
export const createUserBodySchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  role: roleSchema,
  /** Whether the UI asks the user for a new password after login; default true (an admin chose it). */
  mustChangePassword: z.boolean().optional(),
});
export type CreateUserBody = z.output<typeof createUserBodySchema>;

/** PATCH /users/:userId: at least one field. */
export const updateUserBodySchema = z
  .object({
    role: roleSchema.optional(),
    password: passwordSchema.optional(),
    /** Default with a new password: true, unless admins set their own. */
    mustChangePassword: z.boolean().optional(),
  })
  .refine(
    (body) => body.role !== undefined || body.password !== undefined || body.mustChangePassword !== undefined,
    'give at least one of role, password, mustChangePassword',
  );
export type UpdateUserBody = z.output<typeof updateUserBodySchema>;
