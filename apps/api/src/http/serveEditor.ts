import { relative, resolve, sep } from 'node:path';
import express, { type Request, type Router } from 'express';
import { sendPageWithInlineStyle } from './securityHeaders.ts';

/** Vite names the files under /assets after a hash of their content: a name never changes content. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';
/** index.html names the current assets, so it is revalidated every time: a new build shows at once. */
const PAGE_CACHE = 'no-cache';

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Callflow</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:4rem auto;max-width:640px;padding:0 1rem;color:#1f2933}
code{background:#f0f2f5;padding:2px 6px;border-radius:4px}</style></head><body>
<h1>The Callflow editor is not built</h1>
<p>The API is running, but there is no built editor for it to serve. Build it with
<code>npm run -w @callflow/editor build</code> and restart the API (or set <code>EDITOR_DIR</code> to a
built editor).</p>
<p>The API itself is at <a href="/api/docs">/api/docs</a>.</p></body></html>`;

const isApiPath = (path: string): boolean => path === '/api' || path.startsWith('/api/');

/**
 * Whether to answer with the editor's page: a page load (GET or HEAD) of a client-side route such as
 * `/flows/abc`, from a client that takes HTML at least as gladly as JSON. Anything else (a JSON client,
 * a missing hashed asset, another method) falls through to the JSON 404.
 */
function wantsPage(request: Request): boolean {
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    !request.path.startsWith('/assets/') &&
    request.accepts(['html', 'json']) === 'html'
  );
}

function notBuilt(response: express.Response): void {
  sendPageWithInlineStyle(response.status(503).set('cache-control', 'no-store'), NOT_BUILT_PAGE);
}

/**
 * The built browser editor (a single-page app) from `dir`: its files, and its index.html for every
 * client-side route. Paths under /api are left alone. Without `dir`, or when it holds no index.html,
 * page loads get a short page saying how to build the editor.
 */
export function serveEditor(dir: string | undefined): Router {
  const root = dir === undefined ? undefined : resolve(dir);
  const router = express.Router();
  router.use((request, _response, next) => {
    next(isApiPath(request.path) ? 'router' : undefined);
  });
  if (root !== undefined) {
    router.use(
      express.static(root, {
        // `/` is answered below like any client-side route.
        index: false,
        redirect: false,
        setHeaders: (response, path) => {
          const [top] = relative(root, path).split(sep);
          response.setHeader('cache-control', top === 'assets' ? ASSET_CACHE : PAGE_CACHE);
        },
      }),
    );
  }
  router.use((request, response, next) => {
    if (!wantsPage(request)) {
      next();
      return;
    }
    if (root === undefined) {
      notBuilt(response);
      return;
    }
    response.sendFile('index.html', { root, headers: { 'cache-control': PAGE_CACHE } }, (error) => {
      // Sent, or the client went away mid-way: nothing left to answer.
      if (error === undefined || error === null || response.headersSent) return;
      if ('status' in error && error.status === 404) notBuilt(response);
      else next(error);
    });
  });
  return router;
}
