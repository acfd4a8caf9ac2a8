import { apiPrefix } from '@callflow/contract';
import { z } from 'zod';
import type { ApiRoute } from './implement.ts';
import { maxBodyDepth } from './readJsonBody.ts';

/** Editor metadata on node options (packages/flow); OpenAPI 3.0 allows extra keys only as `x-…`. */
const editorMetadataKeys = ['widget', 'enumLabels', 'nullLabel'] as const;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'openapi-3.0',
    override: ({ jsonSchema: generated }) => {
      const node: Record<string, unknown> = generated;
      for (const key of editorMetadataKeys) {
        if (!(key in node)) continue;
        node[`x-callflow-${key}`] = node[key];
        delete node[key];
      }
      // OpenAPI 3.0 has a single `example`, not JSON Schema's `examples` list.
      if (Array.isArray(node.examples)) {
        if (node.examples.length > 0 && !('example' in node)) node.example = node.examples[0];
        delete node.examples;
      }
    },
  });
  return rest;
}

function parametersOf(route: ApiRoute): Record<string, unknown>[] {
  const list: Record<string, unknown>[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!(schema instanceof z.ZodObject)) continue;
    for (const [name, field] of Object.entries(schema.shape)) {
      const fieldSchema = field as z.ZodType;
      list.push({
        name,
        in: where,
        required: where === 'path' || !fieldSchema.safeParse(undefined).success,
        schema: jsonSchema(fieldSchema, 'input'),
      });
    }
  }
  return list;
}

/** OpenAPI 3 description of the API, generated from the same zod schemas that parse requests. */
export function openApiDocument(routes: readonly ApiRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `${apiPrefix}${route.path.replace(/:(\w+)/g, '{$1}')}`;
    const responses = Object.fromEntries(
      Object.entries(route.responses).map(([status, schema]) => [
        status,
        schema === null
          ? { description: `HTTP ${status}` }
          : {
              description: `HTTP ${status}`,
              content: { 'application/json': { schema: jsonSchema(schema, 'output') } },
            },
      ]),
    );
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      tags: [route.tag],
      ...(route.access === 'public' ? { security: [] } : { 'x-required-role': route.access }),
      parameters: parametersOf(route),
      ...(route.body === undefined
        ? {}
        : route.bodyLimit === 'audio'
          ? {
              requestBody: {
                required: true,
                description:
                  'The audio file as it is (not JSON), at most 20 MB; Content-Type audio/*, video/webm or application/octet-stream (413 / 415 otherwise)',
                content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
              },
            }
          : {
              requestBody: {
                required: true,
                description:
                  route.bodyLimit === 'flowDocument'
                    ? `JSON, at most API_BODY_LIMIT (5 MB by default), nested at most ${maxBodyDepth} levels (413 / 400 otherwise)`
                    : `JSON, at most 64 KB, nested at most ${maxBodyDepth} levels (413 / 400 otherwise)`,
                content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
              },
            }),
      responses: {
        ...responses,
        400: {
          description:
            'Invalid request: `problems` lists `{ path, message, severity, code, nodeId, edgeId }`',
        },
        ...(route.access === 'public'
          ? {}
          : {
              401: { description: 'Not logged in' },
              403: {
                description:
                  'Role too low (`forbidden`), or the password must be changed first (`password_change_required`)',
              },
            }),
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Callflow API',
      version: '1.0.0',
      description: 'Flows, versions, publications, call logs and users.',
    },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'callflow_session' } } },
    security: [{ session: [] }],
    paths,
  };
}
