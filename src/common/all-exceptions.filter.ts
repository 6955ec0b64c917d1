import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { mapError } from './error-mapping';

/** Every error leaves in the contract's shape; a 500 says only "Internal server error". */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

export function sendError(exception: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const { body, retryAfterSeconds, unexpected } = mapError(exception);
  if (unexpected) {
    // The error's name and message only: never the request body, headers or client address.
    const reason = exception instanceof Error ? `${exception.name}: ${exception.message}` : 'non-error thrown';
    logger.error({ requestId: request.id, status: body.statusCode, error: reason.slice(0, 300) });
  }
  if (retryAfterSeconds !== undefined) void reply.header('Retry-After', String(retryAfterSeconds));
  // The route may have set another type (an HTML page) before it threw: an error is JSON, which
  // answerBrowserErrorsInFrench turns into a French page for a browser.
  void reply.status(body.statusCode).header('Cache-Control', 'no-store').header('Content-Type', 'application/json; charset=utf-8').send(body);
}
