import * as catalog from '@callflow/catalog';
import { endpoints } from '@callflow/contract';
import { implement } from '../../http/implement.ts';
import { loggedIn } from '../../http/loggedIn.ts';
import { importFlowFile } from '../../services/flows/importFlowFile.ts';

/**
 * `attachment` with the flow's name as the file name: an ASCII fallback (`Sales & support` →
 * `Sales-support.callflow.json`) and the full name in `filename*` (RFC 6266).
 */
export function exportDisposition(name: string, version: number | undefined): string {
  const suffix = `${version === undefined ? '' : `-v${version}`}.callflow.json`;
  const ascii = `${name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'flow'}${suffix}`;
  const full = `${name.replace(/[\p{Cc}/\\"]+/gu, '-')}${suffix}`;
  const encoded = encodeURIComponent(full).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Flow files: export (a download, the same bytes as `callflow export`) and import. */
export const exportImportRoutes = {
  exportFlow: implement(endpoints.exportFlow).with(async ({ params, query, services, response }) => {
    const { name, file } = await catalog.exportFlow(services.db, {
      flow: { id: params.flowId },
      version: query.version,
    });
    response
      .status(200)
      .type('application/json')
      .setHeader('Content-Disposition', exportDisposition(name, query.version))
      .send(`${JSON.stringify(file, null, 2)}\n`);
    return 'handled';
  }),

  importFlow: implement(endpoints.importFlow).with(async ({ query, body, services, user }) => ({
    status: 201,
    body: await importFlowFile(services, body, query, loggedIn(user)),
  })),
};
