import type { Prisma } from '@callflow/db';

/**
 * Who made a catalog change, as the audit log shows it. The caller says who it is acting for: the
 * API passes the logged-in user's name, the CLI `cli:<operating system user>`, the e2e harness `e2e`.
 */
export type CatalogActor = string;

/** One line of the audit log: who did what to which target (an extension, a flow id, a prompt id). */
export interface CatalogAuditEntry {
  readonly actor: CatalogActor;
  readonly action:
    | 'publish'
    | 'unpublish'
    | 'rollback'
    | 'import'
    | 'flow_delete'
    | 'prompt_create'
    | 'prompt_update'
    | 'prompt_delete'
    | 'prompt_audio_set'
    | 'prompt_audio_delete';
  readonly target: string;
  readonly details: Record<string, unknown>;
}

/**
 * Writes the audit entry of a catalog change inside the change's own transaction: the entry exists if
 * and only if the change was committed, whoever made it. Same row as the API's other audit entries.
 */
export async function recordAudit(tx: Prisma.TransactionClient, entry: CatalogAuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      details: JSON.stringify(entry.details),
    },
  });
}
