import { z } from 'zod';

export const variableName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use letters, digits and _ only, not starting with a digit')
  .max(64);

export const dtmfDigit = z.enum(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#']);

export const language = z
  .string()
  .regex(/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/, 'use a language code like en or fr_FR')
  .nullable()
  .default(null);
