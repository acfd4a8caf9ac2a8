import { flowDocument, libraryPromptIds } from '@callflow/flow';

/**
 * The library prompts a stored document (a draft or a version, JSON text) names; none when it does not
 * parse as a flow document (a draft may be anything the editor saved before a schema change).
 */
export function promptIdsOfDocument(text: string): string[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  const parsed = flowDocument.safeParse(json);
  return parsed.success ? libraryPromptIds(parsed.data) : [];
}
