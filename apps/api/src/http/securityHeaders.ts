import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * What pages of this origin may load: only their own scripts, styles, data and media. The built editor
 * needs nothing else: one script and one style sheet from /assets, a data: icon, recordings played
 * from /api (blob: for audio the page builds), JSON from /api. React sets style properties through
 * the DOM (CSSOM), which a policy does not restrict, so styles need no 'unsafe-inline'.
 */
const DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

function render(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

export const CONTENT_SECURITY_POLICY = render(DIRECTIVES);

/**
 * Security headers on every answer (API, editor files, 404s, errors): the Content-Security-Policy
 * above, and helmet's others (nosniff, no referrer, no framing, same-origin resource and opener
 * policies). HSTS is left to the TLS proxy in front, which knows whether every subdomain has HTTPS.
 */
export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: false,
      strictTransportSecurity: false,
      referrerPolicy: { policy: 'no-referrer' },
      xFrameOptions: { action: 'deny' },
    }),
    (_request, response, next) => {
      response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      next();
    },
  ];
}

/**
 * Sends a page of the API's own (not the editor) that carries its style sheet inline: the policy
 * allows exactly those `<style>` blocks by their SHA-256, nothing else inline.
 */
export function sendPageWithInlineStyle(response: Response, html: string): void {
  const hashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    ([, css]) =>
      `'sha256-${createHash('sha256')
        .update(css ?? '')
        .digest('base64')}'`,
  );
  response.setHeader(
    'Content-Security-Policy',
    render({ ...DIRECTIVES, 'style-src': [...(DIRECTIVES['style-src'] ?? []), ...hashes] }),
  );
  response.type('html').send(html);
}
