import { z } from 'zod';
import { errorSchema } from './errorContract.ts';

/** From least to most allowed: each role may do everything the ones before it may. */
export const roles = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];

export const roleSchema = z.enum(roles);

export const PASSWORD_MIN_LENGTH = 10;
/** Only to bound the work done per request; nobody types more. */
export const PASSWORD_MAX_LENGTH = 1000;

/** The rules for a new password (login accepts whatever was stored). */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `the password must be at least ${PASSWORD_MIN_LENGTH} characters long`)
  .max(PASSWORD_MAX_LENGTH, `the password must be at most ${PASSWORD_MAX_LENGTH} characters long`);

/** The logged-in user (GET, POST /session and PUT /session/password). */
export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: roleSchema,
  /** Set for the generated first admin and for passwords an admin chose: the UI asks for a new one. */
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.output<typeof sessionUserSchema>;

/** POST /session */
export const loginBodySchema = z.object({
  username: z.string().min(1, 'enter a username').max(200),
  password: z.string().min(1, 'enter a password').max(2000),
});
export type LoginBody = z.output<typeof loginBodySchema>;

/** PUT /session/password */
export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1, 'enter the current password').max(2000),
  newPassword: passwordSchema,
});
export type ChangePasswordBody = z.output<typeof changePasswordBodySchema>;

/** 429 too_many_attempts: failed logins are rate-limited; try again after `retryAfterSeconds`. */
export const tooManyAttemptsSchema = errorSchema.extend({ retryAfterSeconds: z.number() });
export type TooManyAttempts = z.output<typeof tooManyAttemptsSchema>;
