import { secretName } from '@callflow/flow';
import { z } from 'zod';

/** The name in `/secrets/:name`, as flows reference it: `{{secrets.<name>}}`. */
export const secretNameSchema = secretName;

/**
 * A secret as the API shows it, to admins too: never its value. Flows reference it by name in HTTP
 * lookup header values, e.g. `Authorization: Bearer {{secrets.crm_token}}`.
 */
export const secretViewSchema = z.object({
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Username of who last set it. */
  updatedBy: z.string(),
});
export type SecretView = z.output<typeof secretViewSchema>;

/** GET /secrets: by name. */
export const secretListResponseSchema = z.object({ items: z.array(secretViewSchema) });
export type SecretListResponse = z.output<typeof secretListResponseSchema>;

/**
 * A secret's value: what goes into a header after the flow author's text, so a line break or another
 * control character (which would end the header) is refused here rather than at call time.
 */
export const secretValueSchema = z
  .string()
  .min(1, 'enter the value')
  // Shorter values cannot be told apart from ordinary text when the call log is cleaned of them.
  .min(4, 'a secret value has at least 4 characters')
  .max(4096, 'a secret value has at most 4096 characters')
  .regex(/^[^\p{Cc}]*$/u, 'a secret value cannot hold line breaks, tabs or other control characters');

export const secretDescriptionSchema = z.string().max(200, 'a description has at most 200 characters');

/** PUT /secrets/:name: creates the secret or replaces its value (the description is kept unless given). */
export const setSecretBodySchema = z
  .object({ value: secretValueSchema, description: secretDescriptionSchema.optional() })
  .strict();
export type SetSecretBody = z.output<typeof setSecretBodySchema>;

/** PATCH /secrets/:name: the description only (the value is replaced with PUT). */
export const describeSecretBodySchema = z.object({ description: secretDescriptionSchema }).strict();
export type DescribeSecretBody = z.output<typeof describeSecretBodySchema>;
