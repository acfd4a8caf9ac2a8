import type { StepItem } from '@callflow/contract';

/** A call's timeline with `incoming` added: one entry per step id, ordered by `seq`. */
export function mergeSteps(current: readonly StepItem[], incoming: readonly StepItem[]): StepItem[] {
  if (incoming.length === 0) return [...current];
  const byId = new Map(current.map((step) => [step.id, step]));
  for (const step of incoming) byId.set(step.id, step);
  return [...byId.values()].sort((a, b) => a.seq - b.seq || a.id - b.id);
}
