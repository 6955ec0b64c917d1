import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { clientAddress } from '../common/http-hygiene';
import { authenticatedToken } from '../tokens/authenticated-token';
import { RateLimitBucket, RateLimitService } from './rate-limit.service';

const RATE_LIMIT_BUCKET = 'rateLimitBucket';

/**
 * Counts the route's requests per client address in `bucket` (429 past the limit). Union and
 * admin tokens are not counted: they are known, audited and revocable.
 */
export const RateLimit = (bucket: RateLimitBucket): MethodDecorator => applyDecorators(SetMetadata(RATE_LIMIT_BUCKET, bucket), UseGuards(RateLimitGuard));

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly rateLimits: RateLimitService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.get<RateLimitBucket | undefined>(RATE_LIMIT_BUCKET, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (bucket === undefined || authenticatedToken(request) !== undefined) return true;
    await this.rateLimits.consume(bucket, clientAddress(request));
    return true;
  }
}
