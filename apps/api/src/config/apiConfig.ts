import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Where `npm run -w @callflow/editor build` writes the editor: found from this file, not the working directory. */
const repositoryEditorDir = fileURLToPath(new URL('../../../editor/dist', import.meta.url));

const apiConfigSchema = z.object({
  DATABASE_URL: z.string().optional(),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
  /** Largest request body (imports are the big ones). */
  API_BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/, 'use a size like 5mb')
    .default('5mb'),
  /** ARI, for playing recordings through the API (the browser never talks to ARI). Optional. */
  ARI_URL: z.url({ protocol: /^https?$/ }).optional(),
  ARI_USERNAME: z.string().optional(),
  ARI_PASSWORD: z.string().optional(),
  /**
   * The built browser editor, served at `/` so that it shares the API's origin (and session cookie).
   * Default: this repository's apps/editor/dist when it exists. Unset and no build: `/` says how to build.
   */
  EDITOR_DIR: z
    .string()
    .min(1)
    .optional()
    .transform((dir) =>
      dir === undefined ? (existsSync(repositoryEditorDir) ? repositoryEditorDir : undefined) : resolve(dir),
    ),
});

export type ApiConfig = z.output<typeof apiConfigSchema>;

/** The API's settings from the environment; every invalid one is named in the error. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = apiConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`);
    throw new Error(`invalid API configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}
