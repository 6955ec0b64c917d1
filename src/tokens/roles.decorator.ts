import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { TokenRole } from './access-token.entity';

export const ROLES_KEY = 'tokenRoles';

/** Only a Bearer token with one of these roles gets through (TokenAuthGuard); documents it in OpenAPI. */
export function Roles(...roles: TokenRole[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'UNAUTHORIZED: missing, malformed, unknown or revoked token, or a token in the URL' }),
    ApiForbiddenResponse({ description: `FORBIDDEN: the token's role is not ${roles.join(' or ')}` }),
  );
}
