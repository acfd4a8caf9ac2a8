import { nodeKinds } from './nodeKinds.ts';

/** A kind's words as display code reads them: for a draft node whose kind and options are not yet parsed. */
export interface LooseNodeKind {
  readonly title: string;
  /** What a new node starts with: the shape (text or list) each option has. */
  readonly starterOptions: unknown;
  summarize?(options: unknown): string;
  portLabel?(options: unknown, port: string): string | undefined;
}

/** The definition of the kind named `kind`, or undefined for a name that is no kind (an import's typo). */
export function nodeKindOf(kind: string): LooseNodeKind | undefined {
  return Object.hasOwn(nodeKinds, kind) ? nodeKinds[kind as keyof typeof nodeKinds] : undefined;
}
