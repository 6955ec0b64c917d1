import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error';
import type { TokenRole } from './access-token.entity';
import { attachToken, unauthorized } from './authenticated-token';
import { ROLES_KEY } from './roles.decorator';
import { looksLikeToken } from './token-secret';
import { TokensService } from './tokens.service';

const CREDENTIAL_PARAMETER = /^(access_?token|token|bearer|auth|authorization|api_?key)$/i;

/**
 * Global: on every route, a token in the query string is refused and a presented Bearer token is
 * checked (then readable with authenticatedToken); routes marked @Roles(...) require one.
 */
@Injectable()
export class TokenAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokensService: TokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    try {
      return await this.authorize(context, request);
    } catch (error) {
      // RFC 6750: a 401 names the scheme the client should use.
      if (error instanceof ApiError && error.getStatus() === 401) {
        void context.switchToHttp().getResponse<FastifyReply>().header('WWW-Authenticate', 'Bearer realm="delais-ij"');
      }
      throw error;
    }
  }

  private async authorize(context: ExecutionContext, request: FastifyRequest): Promise<boolean> {
    // A URL ends up in proxy logs, browser history and Referer headers: never a credential there.
    if (hasCredentialInQuery(request.query)) throw unauthorized('Send the token in the Authorization header, never in a URL');
    const roles = this.reflector.getAllAndOverride<TokenRole[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    const authorization = request.headers.authorization;
    const bearer = /^Bearer +(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    // On open routes another scheme (a proxy's Basic auth) is none of our business.
    if (!roles && bearer === undefined) return true;
    if (bearer === undefined) {
      throw unauthorized(authorization === undefined ? 'A Bearer token is required' : 'Send the token as "Authorization: Bearer <token>"');
    }
    const identity = await this.tokensService.authenticate(bearer);
    if (!identity) throw unauthorized('Unknown or revoked token');
    if (roles && !roles.includes(identity.role)) {
      throw new ApiError(403, 'FORBIDDEN', `This route needs a token with the role ${roles.join(' or ')}`);
    }
    attachToken(request, identity);
    return true;
  }
}

function hasCredentialInQuery(query: unknown): boolean {
  if (!query || typeof query !== 'object') return false;
  return Object.entries(query as Record<string, unknown>).some(
    ([name, value]) =>
      looksLikeToken(name) ||
      [value].flat().some((item) => typeof item === 'string' && ((CREDENTIAL_PARAMETER.test(name) && item !== '') || looksLikeToken(item))),
  );
}
