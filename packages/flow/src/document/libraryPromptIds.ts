import type { FlowDocument } from './FlowDocument.ts';
import { findPrompts } from './findPrompts.ts';

/** The library prompts a parsed document plays, each id once, in the order they appear. */
export function libraryPromptIds(document: Pick<FlowDocument, 'nodes'>): string[] {
  const ids = new Set<string>();
  for (const { prompt } of findPrompts(document)) if (prompt.type === 'library') ids.add(prompt.promptId);
  return [...ids];
}
