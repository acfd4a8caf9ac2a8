import { flowNameCandidates } from './flowNameCandidates.ts';

/**
 * The first free name of the form "Name (2)", "Name (3)"… given the names that are taken ("Sales (2)"
 * taken gives "Sales (3)", not "Sales (2) (2)"); at most 120 characters, the name shortened to fit.
 */
export function suggestFlowName(name: string, taken: ReadonlySet<string>): string {
  for (const candidate of flowNameCandidates(name)) if (!taken.has(candidate)) return candidate;
  throw new Error('flowNameCandidates never ends');
}
