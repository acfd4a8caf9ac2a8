import * as catalog from '@callflow/catalog';
import { errorBody, flowFile, importFlowResponse } from '@callflow/contract';
import { z } from 'zod';
import { defineRoute } from '../../http/defineRoute.ts';
import { withSecretWarnings } from '../secrets/withSecretWarnings.ts';
import { actorOf } from './actorOf.ts';
import { flowIdParams, versionNumberParam } from './schemas.ts';

const tag = 'flows';

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

export const exportFlow = defineRoute({
  method: 'get',
  path: '/flows/:flowId/export',
  summary:
    'Download a flow file (format callflow.flow, schemaVersion, name, document) of the draft, or of `version` N; the same bytes as `callflow export`',
  tag,
  access: 'viewer',
  params: flowIdParams,
  query: z.object({ version: versionNumberParam.optional() }),
  responses: {
    200: flowFile,
    404: errorBody,
  },
  handler: async ({ params, query, services, response }) => {
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
  },
});

export const importFlow = defineRoute({
  method: 'post',
  path: '/flows/import',
  summary:
    'Create a flow from a flow file (the body: an export, or a bare flow document with ?name=). Older schemaVersions are migrated. Everything is checked first: 400 lists every problem with its path in the file, and nothing is created',
  tag,
  access: 'editor',
  query: z.object({
    name: z.string().max(1000).optional().describe('the new flow’s name (default: the file’s)'),
  }),
  body: z
    .unknown()
    .describe(
      'a flow file: { "format": "callflow.flow", "schemaVersion": 1, "name": "...", "document": { flow document } } as exported, or a bare flow document (then ?name= is required)',
    ),
  bodyLimit: 'flowDocument',
  responses: {
    201: importFlowResponse,
  },
  handler: async ({ query, body, services, user }) => {
    const imported = await catalog.importFlow(services.db, { file: body, name: query.name }, actorOf(user));
    // Secrets the store does not hold: warnings only, like the validation routes give.
    const secretWarnings = await withSecretWarnings(services, { document: imported.document, problems: [] });
    return {
      status: 201,
      body: {
        flow: imported.flow,
        warnings: [
          ...imported.warnings,
          ...secretWarnings.map((problem) => ({
            ...problem,
            path: catalog.joinPath(imported.documentPath, problem.path),
          })),
        ],
        schemaVersion: imported.schemaVersion,
      },
    };
  },
});

export const exportImportRoutes = [exportFlow, importFlow];
