import { HttpException, HttpStatus } from '@nestjs/common';

export interface ErrorDetail {
  field: string;
  message: string;
}

/** The one shape of every 4xx/5xx answer (shared/API.md, "Errors"). */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: ErrorDetail[];
}

/** An HTTP error with the stable `code` of the contract and, for 409/429/503, a Retry-After. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly retryAfterSeconds?: number,
  ) {
    super({ statusCode: status, code, message, ...(details ? { details } : {}) }, status);
  }
}

export function validationFailed(message: string, details: ErrorDetail[]): ApiError {
  return new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', message, details);
}

export function notFound(message: string): ApiError {
  return new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', message);
}
