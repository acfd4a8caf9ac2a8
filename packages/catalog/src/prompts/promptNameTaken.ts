import { isUniqueConstraintViolation, type Prisma } from '@callflow/db';
import { CatalogError } from '../CatalogError.ts';

/** The refusal of a prompt name another prompt has. */
export function promptNameTaken(name: string): CatalogError {
  return new CatalogError(`a prompt named "${name}" already exists; choose another name`, {
    code: 'prompt_name_taken',
    name,
  });
}

/**
 * Runs a change that names a prompt; a unique violation of the name (a writer that checked before
 * another committed the same name) becomes the same refusal as the check inside the change gives.
 */
export async function refuseTakenName<T>(name: string | undefined, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (name !== undefined && isUniqueConstraintViolation(error)) throw promptNameTaken(name);
    throw error;
  }
}

/** Refuses (prompt_name_taken) a name another prompt has; inside the change's transaction. */
export async function refuseNameInUse(tx: Prisma.TransactionClient, name: string): Promise<void> {
  if ((await tx.prompt.findUnique({ where: { name }, select: { id: true } })) !== null)
    throw promptNameTaken(name);
}
