import { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { closeConnectionsWhenDraining } from './common/graceful-shutdown';
import { applyHttpHygiene, parseCorsOrigins, trustProxyOption } from './common/http-hygiene';
import { validateEnvironment } from './config/env';
import { compressAnswers } from './http-compression';
import { logEveryRequest } from './common/request-logging';
import { exposeMetrics } from './metrics/metrics-endpoint';
import { applyRouteBodyOptions } from './common/route-body-options';
import { StrictValidationPipe } from './common/validation.pipe';
import { answerBrowserErrorsInFrench } from './web/shared/browser-errors';
import { acceptFormBodies } from './web/shared/form-parser';
import { protectHtmlPages } from './web/shared/page-security';
import { OrganisationService } from './organisation/organisation.service';
import { nameOrganisationOnPages } from './web/shared/page-organisation';

const BODY_LIMIT_BYTES = 64 * 1024;

export interface HttpAppOptions {
  /** Per-request log lines (off in tests to keep their output readable). */
  logRequests?: boolean;
  logger?: false | LoggerService | LogLevel[];
  /** Settings over process.env (tests). */
  environment?: Record<string, string>;
}

/** Builds the whole HTTP application; shared by main.ts and the end-to-end tests. */
export async function createHttpApp(databaseUrl: string, options: HttpAppOptions = {}): Promise<NestFastifyApplication> {
  const env = validateEnvironment({ ...process.env, ...options.environment });
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    // X-Forwarded-For/-Proto are ignored unless TRUST_PROXY names the proxies (clientAddress()).
    trustProxy: trustProxyOption(env.TRUST_PROXY),
    logger: false,
    // No Nest middleware here: without @fastify/middie, no request pays for its hook.
    skipMiddie: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forDatabase(databaseUrl, env), adapter, {
    abortOnError: false,
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Nest routes Fastify's own errors (malformed JSON, size, media type) and unknown routes
  // through AllExceptionsFilter, so they get the same shape as the rest.
  // JSON only: any other media type is answered 415 by Fastify.
  fastify.removeContentTypeParser(['text/plain']);
  // Routes marked @RouteBody(...) (bulk intake) get a larger limit and may accept text/csv.
  applyRouteBodyOptions(fastify);
  // The French pages carry a strict CSP; a browser gets its errors as a French page.
  answerBrowserErrorsInFrench(fastify);
  protectHtmlPages(fastify);
  // Every page's header and footer name the hosting union (or say it is not configured yet).
  nameOrganisationOnPages(fastify, app.get(OrganisationService));
  applyHttpHygiene(fastify, parseCorsOrigins(env.CORS_ORIGINS));
  closeConnectionsWhenDraining(fastify);
  await compressAnswers(app);
  if (options.logRequests !== false) logEveryRequest(fastify);
  await exposeMetrics(app, env);
  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  if (env.API_DOCS) setUpOpenApi(app);
  await app.init();
  // After init, which registers Nest's own form parser: ours replaces it (forms outside /api only).
  acceptFormBodies(fastify);
  await fastify.ready();
  return app;
}

function setUpOpenApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Délais IJ')
    .setDescription('Anonymous reports of first IJ payment delays, and the protected statistics derived from them.')
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'a union or admin token (npm run cli -- tokens:create)' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
