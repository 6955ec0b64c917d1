import { HttpException, HttpStatus } from '@nestjs/common';
import { ApiError, ErrorBody, ErrorDetail } from './api-error';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

// Connection-level failures (PostgreSQL down, restarting, or the pool exhausted) are outages:
// answer 503 so clients retry, never a 500.
// SQLSTATE classes 08 (connection exception) and 57P (shutdown, crash, starting up), 53300
// (too many connections), plus the socket errors of node-postgres.
const OUTAGE_ERROR_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|08...|57P..|53300)$/;
const OUTAGE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|not currently accepting connections|the database system is (starting up|shutting down|in recovery mode)/i;
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

export interface MappedError {
  body: ErrorBody;
  retryAfterSeconds?: number;
  /** True when the error is ours to log (a bug or an outage), not a client mistake. */
  unexpected: boolean;
}

/** Maps anything thrown (Nest, Fastify, pg, a bug) to the contract's error shape. */
export function mapError(error: unknown): MappedError {
  if (error instanceof ApiError) {
    return { body: error.getResponse() as ErrorBody, retryAfterSeconds: error.retryAfterSeconds, unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Nest answers an unknown route with `Cannot GET /path?query`: never echo a URL, which may
    // carry a receipt or a token someone pasted in the wrong place.
    const message = isUnknownRoute(error) ? 'No such route' : messageOf(error.getResponse(), error.message);
    // A 400 raised outside our validation (malformed or empty JSON) is about the body as a whole.
    const details = status === 400 ? [{ field: 'body', message }] : undefined;
    return { body: { statusCode: status, code: codeFor(status), message, ...(details ? { details } : {}) }, unexpected: status >= 500 };
  }
  if (isOutage(error)) {
    return {
      body: { statusCode: 503, code: 'UNAVAILABLE', message: 'The database is unavailable; retry shortly' },
      retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS,
      unexpected: true,
    };
  }
  const fastifyStatus = fastifyClientErrorStatus(error);
  if (fastifyStatus) {
    const details: ErrorDetail[] | undefined = fastifyStatus === 400 ? [{ field: 'body', message: clientMessage(error) }] : undefined;
    return {
      body: { statusCode: fastifyStatus, code: codeFor(fastifyStatus), message: clientMessage(error), ...(details ? { details } : {}) },
      unexpected: false,
    };
  }
  return { body: { statusCode: 500, code: 'INTERNAL', message: 'Internal server error' }, unexpected: true };
}

function isUnknownRoute(error: HttpException): boolean {
  return error.getStatus() === HttpStatus.NOT_FOUND && /^Cannot [A-Z]+ /.test(error.message);
}

function codeFor(status: number): string {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
}

function messageOf(response: string | object, fallback: string): string {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return typeof message === 'string' ? message : fallback;
}

function isOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code ?? (error as { driverError?: { code?: unknown } }).driverError?.code;
  return (typeof code === 'string' && OUTAGE_ERROR_CODES.test(code)) || OUTAGE_MESSAGES.test(error.message);
}

// Fastify's own client errors (malformed JSON, body too large, unsupported media type) carry
// a 4xx statusCode and an FST_ code.
function fastifyClientErrorStatus(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) return undefined;
  if (typeof code === 'string' && code.startsWith('FST_')) return statusCode;
  if (error instanceof SyntaxError) return HttpStatus.BAD_REQUEST;
  return statusCode;
}

function clientMessage(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'Request body is too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported content type; send application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'Body must not be empty when the content type is application/json';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'Content-Length does not match the body';
    default:
      return error instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'Malformed JSON body' : 'Bad request';
  }
}
