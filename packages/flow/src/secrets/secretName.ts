import { z } from 'zod';

/** Templates reach a secret as `{{secrets.<name>}}`. */
export const secretNamespace = 'secrets';

/** A secret's name: like a variable name, so that `{{secrets.<name>}}` is a well-formed reference. */
export const secretName = z
  .string()
  .min(1, 'a secret needs a name')
  .max(64, 'a secret name has at most 64 characters')
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'a secret name uses letters, digits and _ only, not starting with a digit',
  );
