import type { PromptListResponse } from '@callflow/contract';
import type { Database } from '@callflow/db';
import { promptSummaryOf, promptWithAudio } from './promptViews.ts';

/**
 * The library by name, optionally only the prompts whose name contains `search` in any case (compared
 * here rather than in SQL: the library is small, and JavaScript folds every letter's case on both
 * engines), with every language any prompt has audio in.
 */
export async function listPrompts(db: Database, search = ''): Promise<PromptListResponse> {
  const prompts = await db.prisma.prompt.findMany({
    include: promptWithAudio,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  const wanted = search.trim().toLocaleLowerCase();
  const matching = prompts.filter((prompt) => prompt.name.toLocaleLowerCase().includes(wanted));
  const languages = new Set(prompts.flatMap((prompt) => prompt.audio.map((audio) => audio.language)));
  return { items: matching.map(promptSummaryOf), languages: [...languages].sort() };
}
