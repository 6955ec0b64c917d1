import { Header } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// The one Content-Security-Policy of the service (API and pages): no inline script or style,
// nothing from another origin, no framing. Pages import it rather than writing their own.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()';
const HSTS = 'max-age=31536000; includeSubDomains';
const CORS_ALLOWED_HEADERS = 'Content-Type, Idempotency-Key, X-Receipt, Authorization';
const CORS_ALLOWED_METHODS = 'GET, POST, PATCH, DELETE';

const SECURITY_HEADERS = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': PERMISSIONS_POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
});

/** The Content-Security-Policy header value every response carries. */
export function contentSecurityPolicy(): string {
  return CONTENT_SECURITY_POLICY;
}

/** Cache-Control for answers that hold a receipt, a report or an export: never kept by a cache. */
export const NO_STORE = 'no-store';

/** Handler decorator: `Cache-Control: no-store` (receipts, my-report, exports). */
export const NoStore = (): MethodDecorator => Header('Cache-Control', NO_STORE);

/** The same for code that holds the Fastify reply (streamed exports, pages). */
export function markNoStore(reply: FastifyReply): FastifyReply {
  return reply.header('Cache-Control', NO_STORE);
}

/**
 * The client's address: the socket's, or the one the trusted proxies report when TRUST_PROXY is
 * set (Fastify applies the setting). Never log or store it: only a keyed hash of it, if at all.
 */
export function clientAddress(request: FastifyRequest): string {
  return request.ip;
}

/**
 * Fastify's `trustProxy` option from the TRUST_PROXY setting (off by default). `true` means the
 * one proxy in front: the client is the address that proxy appended to X-Forwarded-For, never the
 * leftmost entry, which the client itself may have written (Fastify's own `true` would read that).
 */
export function trustProxyOption(setting: string | undefined): false | number | string[] {
  const value = (setting ?? 'false').trim();
  if (value === 'false' || value === '') return false;
  if (value === 'true') return 1;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((address) => address.trim());
}

export function parseCorsOrigins(setting: string | undefined): string[] {
  return (setting ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
}

/**
 * Security headers on every answer (errors and 404s included), HSTS only over HTTPS as seen
 * through a trusted proxy, and CORS closed unless an origin is listed in CORS_ORIGINS.
 */
export function applyHttpHygiene(fastify: FastifyInstance, corsOrigins: string[]): void {
  const allowedOrigins = new Set(corsOrigins);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(SECURITY_HEADERS);
    if (isFormPostToApi(request)) return done(unsupportedMediaType());
    // request.protocol is 'https' only for a TLS socket or, with TRUST_PROXY, X-Forwarded-Proto.
    if (request.protocol === 'https') void reply.header('Strict-Transport-Security', HSTS);
    const origin = request.headers.origin;
    if (origin === undefined || !allowedOrigins.has(origin)) return done();
    void reply.header('Access-Control-Allow-Origin', origin).header('Vary', 'Origin');
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
      void reply
        .header('Access-Control-Allow-Methods', CORS_ALLOWED_METHODS)
        .header('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS)
        .header('Access-Control-Max-Age', '600')
        .status(204)
        .send();
      return;
    }
    done();
  });
}

// Nest's Fastify adapter parses HTML form bodies for the pages; the JSON API refuses them (415)
// like any other non-JSON media type.
function isFormPostToApi(request: FastifyRequest): boolean {
  const type = request.headers['content-type'];
  return request.url.startsWith('/api/') && typeof type === 'string' && /^\s*application\/x-www-form-urlencoded/i.test(type);
}

function unsupportedMediaType(): Error {
  return Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
}
