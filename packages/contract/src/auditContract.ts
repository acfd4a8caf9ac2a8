import { z } from 'zod';

/** One audit event: who changed what (publications, imports, deletions, users, secrets). */
export const auditEventSchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEvent = z.output<typeof auditEventSchema>;

/** GET /audit: newest first; `nextCursor` goes into the next request's `cursor` (null on the last page). */
export const auditListResponseSchema = z.object({
  items: z.array(auditEventSchema),
  nextCursor: z.string().nullable(),
});
export type AuditListResponse = z.output<typeof auditListResponseSchema>;
