import { AriError } from '../AriError.ts';

/** The AriError `promise` rejects with; fails when it resolves or rejects with anything else. */
export async function catchAriError(promise: Promise<unknown>): Promise<AriError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AriError) return err;
    throw err;
  }
  throw new Error('expected an AriError');
}
