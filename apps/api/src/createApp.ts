import { apiPrefix } from '@callflow/contract';
import express, { type Express, type Request } from 'express';
import type { ApiServices, AuthenticatedUser } from './http/ApiServices.ts';
import { errorHandler } from './http/errorHandler.ts';
import type { ApiRoute } from './http/implement.ts';
import { mountRoutes } from './http/mountRoutes.ts';
import { openApiDocument } from './http/openApiDocument.ts';
import { jsonBodyReader } from './http/readJsonBody.ts';
import { refuseCrossSiteWrites } from './http/refuseCrossSiteWrites.ts';
import { renderApiDocs } from './http/renderApiDocs.ts';
import { securityHeaders, sendPageWithInlineStyle } from './http/securityHeaders.ts';
import { serveEditor } from './http/serveEditor.ts';
import { apiRoutes } from './routes/apiRoutes.ts';

export interface CreateAppOptions {
  services: ApiServices;
  authenticate: (request: Request) => Promise<AuthenticatedUser | null>;
  /** Largest body of a route that takes a flow document (`bodyLimit: 'flowDocument'`); others: 64 KB. */
  bodyLimit?: string;
  routes?: readonly ApiRoute[];
  /** The built browser editor to serve outside /api; undefined: a page says how to build it. */
  editorDir?: string | undefined;
  /** Other origins (`https://host[:port]`) whose pages may send requests that change something. */
  allowedOrigins?: readonly string[];
}

/**
 * The HTTP application: JSON API under /api, its OpenAPI document and a readable page for it, and the
 * browser editor everywhere else, so that the editor and the API share one origin and its cookie.
 */
export function createApp(options: CreateAppOptions): Express {
  const routes = options.routes ?? apiRoutes;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders());
  // No body is read here: mountRoutes reads it once the session and role allow the route.
  app.use(refuseCrossSiteWrites(options.allowedOrigins ?? []));
  const document = openApiDocument(routes);
  app.get(`${apiPrefix}/openapi.json`, (_request, response) => {
    response.json(document);
  });
  app.get(`${apiPrefix}/docs`, (_request, response) => {
    sendPageWithInlineStyle(response, renderApiDocs(document));
  });
  app.use(
    apiPrefix,
    mountRoutes(routes, options.services, options.authenticate, jsonBodyReader(options.bodyLimit ?? '5mb')),
  );
  app.use(serveEditor(options.editorDir));
  app.use((request, response) => {
    response
      .status(404)
      .json({ error: 'not_found', message: `no route for ${request.method} ${request.path}` });
  });
  app.use(errorHandler(options.services.log));
  return app;
}
