import type { z } from 'zod';

/**
 * The readable name of an enum value, from the `enumLabels` its option's schema carries (the inspector's
 * words), else the value itself. One source for the form and for summaries.
 */
export function enumLabel(schema: z.ZodType, value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  const labels = schema.meta()?.enumLabels;
  return labels !== undefined && Object.hasOwn(labels, text) ? (labels[text] ?? text) : text;
}
