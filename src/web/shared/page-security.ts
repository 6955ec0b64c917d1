import type { FastifyInstance } from 'fastify';

// Everything a page needs is served by the app itself: no CDN, no web font, no analytics, no
// inline script or style. Another feature may move this to a global hook; keep it in one place.
export const PAGE_CONTENT_SECURITY_POLICY = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

/** The headers every French page carries. */
export function pageSecurityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': PAGE_CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/** Adds the page headers to every HTML answer outside /api (the OpenAPI UI keeps its own). */
export function protectHtmlPages(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    const contentType = String(reply.getHeader('content-type') ?? '');
    if (contentType.startsWith('text/html') && !request.url.startsWith('/api')) {
      void reply.headers(pageSecurityHeaders());
    }
    return payload;
  });
}
