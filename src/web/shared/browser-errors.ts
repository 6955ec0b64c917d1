import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorPage } from './error.page';

/**
 * A person following a link (a page request outside /api) gets a French page, not the API's JSON
 * error: the status, Retry-After and the error's logging are unchanged.
 */
export function answerBrowserErrorsInFrench(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    const isJsonError = reply.statusCode >= 400 && String(reply.getHeader('content-type') ?? '').startsWith('application/json');
    if (!isJsonError || !isPageRequest(request)) return payload;
    void reply.header('content-type', 'text/html; charset=utf-8');
    return errorPage(reply.statusCode);
  });
}

function isPageRequest(request: FastifyRequest): boolean {
  return !request.url.startsWith('/api') && String(request.headers.accept ?? '').includes('text/html');
}
