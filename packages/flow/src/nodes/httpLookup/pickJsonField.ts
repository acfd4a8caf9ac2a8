import { nestsDeeperThan } from '../../document/nestsDeeperThan.ts';
import { StepFailure } from '../../runtime/StepFailure.ts';

/**
 * The value at a dotted path (`data.items.0.id`) as variable text: objects as JSON, missing as ''.
 * Throws a StepFailure for an object or array nested more than `maxDepth` levels: JSON.stringify
 * recurses and would overflow the stack on it.
 */
export function pickJsonField(document: unknown, path: string, maxDepth: number): string {
  let current: unknown = document;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return '';
    current = (current as Record<string, unknown>)[key];
  }
  if (current === null || current === undefined) return '';
  if (typeof current !== 'object') return String(current);
  if (nestsDeeperThan(current, maxDepth))
    throw new StepFailure(`field ${path} is nested more than ${maxDepth} levels deep`);
  return JSON.stringify(current);
}
