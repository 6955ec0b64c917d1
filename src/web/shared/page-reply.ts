import type { FastifyReply, FastifyRequest } from 'fastify';

export const HTML = 'text/html; charset=utf-8';

/** Answers with a page that must not be kept by the browser or a proxy (receipts, reports). */
export function answerPrivately(reply: FastifyReply, status = 200): void {
  void reply.status(status).header('Cache-Control', 'no-store');
}

// Only a plain host name or address with an optional port: anything else in Host is ignored.
const PLAIN_HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

/** The absolute URL of one of our pages, for the calendar file (which needs one): PUBLIC_URL's, else the request's. */
export function absoluteUrl(request: FastifyRequest, path: string, publicUrl?: string): string {
  if (publicUrl !== undefined) return `${publicUrl}${path}`;
  const host = PLAIN_HOST.test(request.host) ? request.host : 'localhost';
  return `${request.protocol}://${host}${path}`;
}
