import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error';
import type { TokenIdentity } from './access-token.entity';

// Filled by TokenAuthGuard (global) for every request that presents a valid Bearer token.
const identities = new WeakMap<object, TokenIdentity>();

export function attachToken(request: FastifyRequest, identity: TokenIdentity): void {
  identities.set(request, identity);
}

/**
 * The token that authenticated this request, or undefined when none was presented. Usable on
 * routes open to anonymous users too: a presented but invalid token never reaches the handler (401).
 */
export function authenticatedToken(request: FastifyRequest): TokenIdentity | undefined {
  return identities.get(request);
}

export function unauthorized(message: string): ApiError {
  return new ApiError(401, 'UNAUTHORIZED', message);
}

/** The authenticated token, in a handler behind @Roles(...). */
export const CurrentToken = createParamDecorator((_data: unknown, context: ExecutionContext): TokenIdentity => {
  const identity = authenticatedToken(context.switchToHttp().getRequest<FastifyRequest>());
  if (!identity) throw unauthorized('A Bearer token is required');
  return identity;
});
