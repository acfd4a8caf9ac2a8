import type { Prisma } from '@callflow/db';
import { CatalogError } from '../CatalogError.ts';
import { type PromptWithAudio, promptWithAudio } from './promptViews.ts';

/** The prompt with this id and its audio, or a not_found refusal naming it. */
export async function findPrompt(
  client: Prisma.TransactionClient,
  promptId: string,
): Promise<PromptWithAudio> {
  const prompt = await client.prompt.findUnique({ where: { id: promptId }, include: promptWithAudio });
  if (prompt === null) throw CatalogError.notFound(`prompt ${promptId}`);
  return prompt;
}
