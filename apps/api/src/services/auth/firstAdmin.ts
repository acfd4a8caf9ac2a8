import { randomBytes } from 'node:crypto';
import { passwordSchema } from '@callflow/contract';
import { isUniqueConstraintViolation } from '@callflow/db';
import type { ApiServices } from '../../http/ApiServices.ts';

export const FIRST_ADMIN_USERNAME = 'admin';

/** The credentials in a box on stdout: the one place a secret is ever shown, and only this once. */
function printCredentials(username: string, generatedPassword: string | null): void {
  const lines = [
    'Callflow: created the first user account',
    '',
    `  username: ${username}`,
    `  password: ${generatedPassword ?? '(the one in CALLFLOW_ADMIN_PASSWORD)'}`,
    '',
    'You will be asked to choose a new password after logging in.',
    ...(generatedPassword === null ? [] : ['This password is shown only this once: note it now.']),
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const border = `+${'-'.repeat(width + 2)}+`;
  const body = lines.map((line) => `| ${line.padEnd(width)} |`);
  process.stdout.write(`\n${[border, ...body, border].join('\n')}\n\n`);
}

/**
 * First start: when there is no user at all, creates `admin` (role admin, must change its password)
 * with the password in CALLFLOW_ADMIN_PASSWORD, or a random one, and prints the credentials once.
 */
export async function prepareAuthentication(services: ApiServices, env: NodeJS.ProcessEnv): Promise<void> {
  const { prisma } = services.db;
  if ((await prisma.user.count()) > 0) return;
  // An empty variable counts as unset.
  const fromEnv = env.CALLFLOW_ADMIN_PASSWORD === '' ? undefined : env.CALLFLOW_ADMIN_PASSWORD;
  if (fromEnv !== undefined) {
    const checked = passwordSchema.safeParse(fromEnv);
    if (!checked.success) {
      throw new Error(
        `CALLFLOW_ADMIN_PASSWORD: ${checked.error.issues[0]?.message ?? 'not a valid password'}`,
      );
    }
  }
  const password = fromEnv ?? randomBytes(15).toString('base64url');
  try {
    await prisma.user.create({
      data: {
        username: FIRST_ADMIN_USERNAME,
        passwordHash: await services.passwords.hash(password),
        role: 'admin',
        mustChangePassword: true,
      },
    });
  } catch (error) {
    // Another API process starting at the same moment created it first.
    if (isUniqueConstraintViolation(error)) return;
    throw error;
  }
  printCredentials(FIRST_ADMIN_USERNAME, fromEnv === undefined ? password : null);
  services.log('info', 'created the first admin account (its credentials are printed on stdout)', {
    username: FIRST_ADMIN_USERNAME,
  });
  await services.audit({
    actor: 'system',
    action: 'user_create',
    target: FIRST_ADMIN_USERNAME,
    details: { role: 'admin', firstStart: true },
  });
}
