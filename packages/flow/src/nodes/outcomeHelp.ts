import { nodeKinds } from './nodeKinds.ts';

/**
 * Whether an outcome key of a kind's help stands for ports the kind makes from its options (a menu's
 * `<Each choice>`): the words between the angle brackets are what the help panel shows for it.
 */
export function isGenericOutcome(key: string): boolean {
  return /^<.+>$/.test(key);
}

/**
 * When the call takes one of a node's ports, from its kind's help: the port's own entry, else the
 * kind's generic one (a menu choice's key). Undefined for a kind or port the help does not know.
 */
export function outcomeHelp(kind: string, port: string): string | undefined {
  if (!Object.hasOwn(nodeKinds, kind)) return undefined;
  const { outcomes } = nodeKinds[kind as keyof typeof nodeKinds].help;
  if (Object.hasOwn(outcomes, port)) return outcomes[port];
  const generic = Object.keys(outcomes).find(isGenericOutcome);
  return generic === undefined ? undefined : outcomes[generic];
}
