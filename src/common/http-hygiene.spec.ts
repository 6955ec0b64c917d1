import { afterEach, describe, expect, it } from '@jest/globals';
import Fastify, { FastifyInstance } from 'fastify';
import { applyHttpHygiene, clientAddress, contentSecurityPolicy, parseCorsOrigins, trustProxyOption } from './http-hygiene';

async function serverWith(trustProxy: string | undefined, corsOrigins = ''): Promise<FastifyInstance> {
  const fastify = Fastify({ trustProxy: trustProxyOption(trustProxy) });
  applyHttpHygiene(fastify, parseCorsOrigins(corsOrigins));
  fastify.get('/address', async (request) => ({ address: clientAddress(request) }));
  await fastify.ready();
  return fastify;
}

describe('HTTP hygiene', () => {
  let fastify: FastifyInstance;
  afterEach(async () => fastify.close());

  it('sets the security headers on every answer, unknown routes included, and no X-Powered-By', async () => {
    fastify = await serverWith(undefined);
    for (const url of ['/address', '/nowhere']) {
      const response = await fastify.inject({ url });
      expect(response.headers).toMatchObject({
        'content-security-policy': contentSecurityPolicy(),
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'permissions-policy': expect.stringContaining('camera=()'),
      });
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
    expect(contentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    );
  });

  it('ignores X-Forwarded-For and X-Forwarded-Proto by default: socket address, no HSTS', async () => {
    fastify = await serverWith(undefined);
    const response = await fastify.inject({
      url: '/address',
      remoteAddress: '10.0.0.5',
      headers: { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' },
    });
    expect(response.json()).toEqual({ address: '10.0.0.5' });
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('with TRUST_PROXY, reads the address and the scheme the trusted proxy reports, and sends HSTS over HTTPS only', async () => {
    fastify = await serverWith('10.0.0.0/8');
    const viaProxy = await fastify.inject({
      url: '/address',
      remoteAddress: '10.0.0.5',
      headers: { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' },
    });
    expect(viaProxy.json()).toEqual({ address: '203.0.113.9' });
    expect(viaProxy.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const overHttp = await fastify.inject({ url: '/address', remoteAddress: '10.0.0.5', headers: { 'x-forwarded-proto': 'http' } });
    expect(overHttp.headers['strict-transport-security']).toBeUndefined();
    // A client that is not the trusted proxy cannot choose its address.
    const direct = await fastify.inject({ url: '/address', remoteAddress: '198.51.100.7', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(direct.json()).toEqual({ address: '198.51.100.7' });
  });

  it.each([
    ['true', ['10.0.0.5'], '203.0.113.9'],
    ['1', ['10.0.0.5'], '203.0.113.9'],
    ['10.0.0.0/8', ['10.0.0.5'], '203.0.113.9'],
    // Two proxies: the outer one appended the client, the inner one the outer proxy's address.
    ['2', ['10.0.0.5', '10.0.0.7'], '203.0.113.9'],
    ['10.0.0.0/8', ['10.0.0.5', '10.0.0.7'], '203.0.113.9'],
  ])(
    'with TRUST_PROXY=%s, takes the address the nearest untrusted hop was seen from, not the client-written leftmost one',
    async (setting, proxies, client) => {
      fastify = await serverWith(setting);
      // The client sent its own X-Forwarded-For; each proxy appended the address it saw.
      const [socket, ...inner] = [...proxies].reverse();
      const forwarded = ['198.51.100.66', '192.0.2.1', client, ...inner.reverse()].join(', ');
      const response = await fastify.inject({ url: '/address', remoteAddress: socket, headers: { 'x-forwarded-for': forwarded } });
      expect(response.json()).toEqual({ address: client });
    },
  );

  it('keeps CORS closed by default, preflight included', async () => {
    fastify = await serverWith(undefined);
    const simple = await fastify.inject({ url: '/address', headers: { origin: 'https://evil.example' } });
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await fastify.inject({
      method: 'OPTIONS',
      url: '/address',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('opens CORS to the listed origins only', async () => {
    fastify = await serverWith(undefined, 'https://union.example, https://other.example');
    const preflight = await fastify.inject({
      method: 'OPTIONS',
      url: '/address',
      headers: { origin: 'https://union.example', 'access-control-request-method': 'PATCH' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers).toMatchObject({ 'access-control-allow-origin': 'https://union.example', vary: 'Origin' });
    expect(preflight.headers['access-control-allow-headers']).toContain('X-Receipt');
    const other = await fastify.inject({ url: '/address', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('reads the TRUST_PROXY setting', () => {
    expect(trustProxyOption(undefined)).toBe(false);
    expect(trustProxyOption('false')).toBe(false);
    expect(trustProxyOption('true')).toBe(1);
    expect(trustProxyOption('2')).toBe(2);
    expect(trustProxyOption('10.0.0.1, 192.168.0.0/16')).toEqual(['10.0.0.1', '192.168.0.0/16']);
  });
});
