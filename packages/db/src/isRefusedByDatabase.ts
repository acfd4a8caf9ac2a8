/**
 * Whether the database answered and refused the data (a constraint, a value it cannot store), as
 * opposed to being unreachable or busy: retrying a refusal can never succeed. Knows Prisma's P2xxx
 * codes, better-sqlite3's constraint and value codes, and PostgreSQL's SQLSTATE classes 22 (data
 * exception) and 23 (integrity constraint violation).
 */
export function isRefusedByDatabase(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error) || typeof error.code !== 'string')
    return false;
  const { code } = error;
  if (/^P2\d{3}$/.test(code)) return true;
  if (/^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/.test(code)) return true;
  // pg's DatabaseError carries the five-character SQLSTATE; its network errors carry ECONNREFUSED etc.
  return /^2[23][0-9A-Z]{3}$/.test(code);
}
