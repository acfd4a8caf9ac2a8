import { z } from 'zod';

/** Every backup's key starts with this; nothing else of Callflow's does. */
const BACKUP_PREFIX = 'callflow.unsaved.';
/** Whose backups this browser holds (the user's id), so another person logging in never sees them. */
const OWNER_KEY = 'callflow.unsavedOwner';

const backupKey = (flowId: string) => `${BACKUP_PREFIX}${flowId}`;

/** Another tab or an older editor may have written the backup: it is read, not trusted. */
const backupSchema = z.object({ revision: z.number(), document: z.unknown() });
export type UnsavedBackup = z.output<typeof backupSchema>;

function backupKeys(): string[] {
  const keys: string[] = [];
  for (let index = 0; index < localStorage.length; index++) {
    const key = localStorage.key(index);
    if (key?.startsWith(BACKUP_PREFIX) === true) keys.push(key);
  }
  return keys;
}

/**
 * Copies of draft changes the server has not accepted yet, kept in this browser so closing the tab
 * loses nothing. They belong to the person who made them: logging out removes them, and a different
 * person logging in on the same browser finds none.
 */
export const unsavedBackups = {
  read(flowId: string): UnsavedBackup | null {
    const text = localStorage.getItem(backupKey(flowId));
    if (text === null) return null;
    try {
      const parsed = backupSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  },

  /**
   * Keeps a backup for the logged-in person. After logging out there is no owner and nothing is
   * kept: a save that fails on its way out (the session is gone) must not leave the draft behind.
   */
  write(flowId: string, backup: UnsavedBackup): void {
    if (localStorage.getItem(OWNER_KEY) === null) return;
    localStorage.setItem(backupKey(flowId), JSON.stringify(backup));
  },

  clear(flowId: string): void {
    localStorage.removeItem(backupKey(flowId));
  },

  /** Logging out: nothing of the person's unsaved work stays behind in this browser. */
  clearAll(): void {
    for (const key of backupKeys()) localStorage.removeItem(key);
    localStorage.removeItem(OWNER_KEY);
  },

  /**
   * A user is logged in: backups someone else left in this browser (a session that expired without
   * logging out) are removed before any page can read them; the user's own are kept.
   */
  keepOnlyFor(userId: string): void {
    if (localStorage.getItem(OWNER_KEY) === userId) return;
    for (const key of backupKeys()) localStorage.removeItem(key);
    localStorage.setItem(OWNER_KEY, userId);
  },
};
