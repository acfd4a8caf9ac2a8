import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asteriskCli, REPO_ROOT, sandboxEnvironment } from './sandbox.ts';

/**
 * The file Asterisk's media cache (res_http_media_cache) keeps for a URL it fetched: what it actually
 * plays. `media cache show <uri>` names it as a path inside the sandbox's root.
 */
export async function asteriskCachedFile(uri: string): Promise<Buffer> {
  const shown = await asteriskCli(`media cache show ${uri}`);
  const local = /(\/\S+\/bucket-\S+)/.exec(shown)?.[1];
  if (local === undefined) throw new Error(`Asterisk's media cache does not list ${uri}:\n${shown}`);
  const root = sandboxEnvironment().CALLFLOW_ASTERISK_ROOT ?? join(REPO_ROOT, '.cache/asterisk-root');
  return readFileSync(join(root, local));
}
