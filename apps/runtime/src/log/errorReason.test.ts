import { describe, expect, it } from 'vitest';
import { errorReason } from './errorReason.ts';

describe('errorReason', () => {
  it("keeps the last line of a Prisma error: the driver's words, not our source code", () => {
    const prismaError = new Error(
      [
        '',
        'Invalid `db.prisma.runtimeStatus.upsert()` invocation in',
        '/work/main/apps/runtime/src/status/RuntimeStatusReporter.ts:174:37',
        '',
        '  173 try {',
        '→ 174   await db.prisma.runtimeStatus.upsert(',
        "Can't reach database server at 127.0.0.1:54341",
        '',
      ].join('\n'),
    );
    expect(errorReason(prismaError)).toBe("Can't reach database server at 127.0.0.1:54341");
  });

  it('keeps a one-line message as it is, names an error without one, and prints anything else', () => {
    expect(errorReason(new Error('the database system is shutting down'))).toBe(
      'the database system is shutting down',
    );
    expect(errorReason(new TypeError(''))).toBe('TypeError');
    expect(errorReason('connection refused')).toBe('connection refused');
  });
});
