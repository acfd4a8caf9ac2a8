/**
 * What went wrong, in one short line for a log field. Prisma's errors put the failing call and an
 * excerpt of our source code before the driver's own words on the last line ("Can't reach database
 * server at ..."); only that last line tells an operator anything.
 */
export function errorReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = error.message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.at(-1) ?? error.name;
}
