import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

/** Body options of one route, declared on its handler with @RouteBody(...). */
export interface RouteBodyOptions {
  /** A larger limit than the global one, for this route only. */
  bodyLimit?: number;
  /** Accept `text/csv` (handed over as a CsvBody); every other route keeps answering 415. */
  acceptsCsv?: boolean;
}

/** A text/csv body as the handler receives it, so that a JSON string is never taken for CSV. */
export class CsvBody {
  constructor(readonly text: string) {}
}

export function RouteBody(options: RouteBodyOptions): MethodDecorator {
  return RouteConfig(options);
}

/** Call before the routes are registered (before app.init()). */
export function applyRouteBodyOptions(fastify: FastifyInstance): void {
  // Nest has no decorator for Fastify's route-level bodyLimit: copy it from the route's config.
  fastify.addHook('onRoute', (route) => {
    const bodyLimit = (route.config as RouteBodyOptions | undefined)?.bodyLimit;
    if (bodyLimit !== undefined) route.bodyLimit = bodyLimit;
  });
  fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (request, body, done) => {
    if ((request.routeOptions.config as RouteBodyOptions | undefined)?.acceptsCsv) return done(null, new CsvBody(body as string));
    done(Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }), undefined);
  });
}
