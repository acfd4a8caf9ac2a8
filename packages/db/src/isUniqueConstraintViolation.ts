import { Prisma } from './generated/sqlite/client.ts';

/**
 * Whether a Prisma error is a unique constraint violation (P2002), e.g. a FlowVersion number that
 * already exists for the flow. Both engines' clients share the runtime's error classes.
 */
export function isUniqueConstraintViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
