import type { Prisma } from '@callflow/db';

/** What validation needs to know of a library prompt: its name (for messages) and the languages it has. */
export interface LibraryPromptFacts {
  readonly name: string;
  readonly languages: readonly string[];
}

/**
 * Every library prompt by id, for validateFlow's `context.prompts`: a flow naming a prompt that is not
 * here gets an error, one whose prompt lacks a language the flow uses a warning.
 */
export async function promptLibrary(
  client: Prisma.TransactionClient,
): Promise<ReadonlyMap<string, LibraryPromptFacts>> {
  const prompts = await client.prompt.findMany({
    select: { id: true, name: true, audio: { select: { language: true }, orderBy: { language: 'asc' } } },
  });
  return new Map(
    prompts.map((prompt) => [
      prompt.id,
      { name: prompt.name, languages: prompt.audio.map((audio) => audio.language) },
    ]),
  );
}
