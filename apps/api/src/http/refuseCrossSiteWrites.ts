import type { Request, RequestHandler } from 'express';
import { ApiError } from './ApiError.ts';

/** Methods that change nothing; every other one is checked. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether `origin` (an Origin header) names the host the request was sent to. */
function isOwnOrigin(origin: string, request: Request): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    // `null` (a sandboxed frame, a file) or garbage: not this site.
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  // The Host header, or X-Forwarded-Host from a trusted (loopback) proxy. The Vite dev server keeps
  // the browser's Host (changeOrigin: false), so the editor in development passes too.
  return url.host === request.get('host') || url.host === request.host;
}

function refused(from: string): ApiError {
  return new ApiError(
    403,
    'cross_site_request',
    `changes can only be made from Callflow's own pages; this request comes from ${from}. If Callflow is also served at that address, add it to CALLFLOW_ALLOWED_ORIGINS`,
  );
}

/**
 * Refuses requests that change something (POST, PUT, PATCH, DELETE) sent by a browser from another
 * site: a page elsewhere cannot use the session cookie of someone visiting it (cross-site request
 * forgery; the cookie's SameSite=Lax already keeps it off most of them, not off same-site ones). A
 * browser names the page's origin in `Origin` on such requests, or at least says `Sec-Fetch-Site`.
 * Programs (curl, the CLI) send neither and are not concerned: they have no one's cookie.
 */
export function refuseCrossSiteWrites(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (request, _response, next) => {
    if (SAFE_METHODS.has(request.method)) {
      next();
      return;
    }
    const origin = request.get('origin');
    if (origin !== undefined) {
      next(allowed.has(origin) || isOwnOrigin(origin, request) ? undefined : refused(origin));
      return;
    }
    const site = request.get('sec-fetch-site');
    if (site === undefined || site === 'same-origin' || site === 'none') {
      next();
      return;
    }
    next(refused(`another site (Sec-Fetch-Site: ${site})`));
  };
}
