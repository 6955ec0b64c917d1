import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, RequestPayload } from 'fastify';
import { ApiError } from './api-error';

/** Body options of one route, declared on its handler with @RouteBody(...). */
export interface RouteBodyOptions {
  /** A larger limit than the global one, for this route only. */
  bodyLimit?: number;
  /** Accept `text/csv` (handed over as a CsvBody); every other route keeps answering 415. */
  acceptsCsv?: boolean;
  /**
   * Answer 401 before reading the body when no `Authorization: Bearer` header is sent, so that
   * anonymous clients cannot make the server read a large body; the token itself is checked later.
   */
  bearerBeforeBody?: boolean;
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
    const options = route.config as RouteBodyOptions | undefined;
    if (options?.bodyLimit !== undefined) route.bodyLimit = options.bodyLimit;
    if (options?.bearerBeforeBody) route.preParsing = [...[route.preParsing ?? []].flat(), refuseWithoutBearer];
  });
  fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (request, body, done) => {
    if ((request.routeOptions.config as RouteBodyOptions | undefined)?.acceptsCsv) return done(null, new CsvBody(body as string));
    done(Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }), undefined);
  });
}

async function refuseWithoutBearer(request: FastifyRequest, reply: FastifyReply, payload: RequestPayload): Promise<RequestPayload> {
  if (/^Bearer +\S+$/i.test(request.headers.authorization?.trim() ?? '')) return payload;
  void reply.header('WWW-Authenticate', 'Bearer realm="delais-ij"');
  throw new ApiError(401, 'UNAUTHORIZED', 'A Bearer token is required');
}
