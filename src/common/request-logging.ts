import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/**
 * One JSON line per request: id, method, route pattern, status, duration. Never the URL with
 * its query, a header, a body or the client address.
 */
export function logEveryRequest(fastify: FastifyInstance): void {
  const logger = new Logger('Http');
  fastify.addHook('onResponse', (request, reply, done) => {
    logger.log({
      requestId: request.id,
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    });
    done();
  });
}
