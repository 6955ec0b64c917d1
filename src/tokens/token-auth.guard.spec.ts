import { describe, expect, it } from '@jest/globals';
import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error';
import type { TokenIdentity, TokenRole } from './access-token.entity';
import { authenticatedToken } from './authenticated-token';
import { Roles } from './roles.decorator';
import { TokenAuthGuard } from './token-auth.guard';
import { generateToken } from './token-secret';
import type { TokensService } from './tokens.service';

const unionToken = generateToken();
const union: TokenIdentity = { id: '3f0c9a52-8d5e-4b8e-9a4c-0f6b1f2d7e10', organisation: 'UD FO 75', role: 'union' };
// The lookup itself is covered end to end (test/access-tokens.e2e.spec.ts); here only the guard's decisions.
const tokensService = { authenticate: async (token: string) => (token === unionToken ? union : undefined) } as unknown as TokensService;
const guard = new TokenAuthGuard(new Reflector(), tokensService);

class Routes {
  open(): void {}
  @Roles('admin') adminOnly(): void {}
  @Roles('union', 'admin') unions(): void {}
}

function contextFor(handler: keyof Routes, request: FastifyRequest): ExecutionContext {
  return {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({ header: () => undefined }) }),
  } as unknown as ExecutionContext;
}

const requestWith = (authorization?: string, query: Record<string, unknown> = {}) =>
  ({ headers: authorization === undefined ? {} : { authorization }, query }) as unknown as FastifyRequest;

async function statusOf(handler: keyof Routes, request: FastifyRequest): Promise<number> {
  try {
    return (await guard.canActivate(contextFor(handler, request))) ? 200 : 0;
  } catch (error) {
    return (error as ApiError).getStatus();
  }
}

describe(TokenAuthGuard.name, () => {
  it('lets anonymous requests through open routes, with no token identity', async () => {
    const request = requestWith();
    expect(await statusOf('open', request)).toBe(200);
    expect(authenticatedToken(request)).toBeUndefined();
  });

  it('makes a valid token presented on an open route readable with authenticatedToken', async () => {
    const request = requestWith(`Bearer ${unionToken}`);
    expect(await statusOf('open', request)).toBe(200);
    expect(authenticatedToken(request)).toEqual(union);
  });

  it('refuses a presented but invalid Bearer token on an open route, and ignores other schemes there', async () => {
    expect(await statusOf('open', requestWith(`Bearer ${generateToken()}`))).toBe(401);
    expect(await statusOf('open', requestWith('Basic dXNlcjpwYXNz'))).toBe(200);
  });

  it.each<[keyof Routes, TokenRole, number]>([
    ['unions', 'union', 200],
    ['adminOnly', 'union', 403],
  ])('on %s, a %s token gets %i', async (handler, _role, status) => {
    const request = requestWith(`Bearer ${unionToken}`);
    expect(await statusOf(handler, request)).toBe(status);
    expect(authenticatedToken(request)).toEqual(status === 200 ? union : undefined);
  });

  it('refuses credentials in the query string on any route, whatever the parameter name', async () => {
    for (const query of [{ token: 'anything' }, { access_token: unionToken }, { q: [unionToken] }, { [unionToken]: '' }]) {
      expect(await statusOf('open', requestWith(undefined, query))).toBe(401);
      expect(await statusOf('unions', requestWith(`Bearer ${unionToken}`, query))).toBe(401);
    }
    expect(await statusOf('open', requestWith(undefined, { groupBy: 'caisse', period: '2026-Q3', token: '' }))).toBe(200);
  });
});
