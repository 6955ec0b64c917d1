import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { TokensService } from '../src/tokens/tokens.service';
import { createToken, TestToken } from './access-tokens';
import { expectErrorShape } from './error-shape';
import { startTestApp, TestApp } from './test-app';

const CLI = join(__dirname, '..', 'dist', 'cli', 'cli.js');

function runCli(databaseUrl: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const lastLine = (output: string) => output.trimEnd().split('\n').at(-1) ?? '';

describe('union access tokens', () => {
  let testApp: TestApp;
  let admin: TestToken;
  let union: TestToken;
  let revoked: TestToken;
  beforeAll(async () => {
    testApp = await startTestApp();
    admin = await createToken(testApp, 'admin');
    union = await createToken(testApp, 'union', 'UD FO 75');
    revoked = await createToken(testApp, 'admin');
    await testApp.app.get(TokensService).revoke(revoked.id);
  });
  afterAll(async () => testApp.close());

  const audit = () => testApp.http.get('/api/admin/audit');

  it('stores a token only as its SHA-256, with organisation, role and dates', async () => {
    const rows = await testApp.db.query<Record<string, unknown>>('SELECT * FROM access_tokens WHERE id = $1', [union.id]);
    expect(Object.keys(rows[0]).sort()).toEqual(['created_at', 'id', 'organisation', 'revoked_at', 'role', 'token_hash']);
    expect(rows[0]).toMatchObject({ organisation: 'UD FO 75', role: 'union', revoked_at: null });
    expect((rows[0].token_hash as Buffer).equals(createHash('sha256').update(union.token).digest())).toBe(true);
    const everything =
      JSON.stringify(await testApp.db.query('SELECT * FROM access_tokens')) +
      (await testApp.db.query<{ h: Buffer }>('SELECT token_hash AS h FROM access_tokens')).map((row) => row.h.toString('latin1')).join('');
    for (const token of [admin, union, revoked]) expect(everything).not.toContain(token.token.slice(4));
  });

  it('lets a live token of the right role through', async () => {
    await audit().set('Authorization', admin.bearer).expect(200);
    await audit().set('Authorization', `bearer   ${admin.token}`).expect(200);
  });

  it.each([
    ['no Authorization header', undefined],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['Bearer without a token', 'Bearer'],
    ['a malformed token', 'Bearer not-a-token'],
    ['an unknown token of the right shape', `Bearer dij_${'A'.repeat(43)}`],
  ])('answers 401 UNAUTHORIZED for %s', async (_case, header) => {
    const request = audit();
    if (header !== undefined) request.set('Authorization', header);
    const response = await request.expect(401);
    expectErrorShape(response.body, 401, 'UNAUTHORIZED');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="delais-ij"');
  });

  it('answers 401 for a revoked token, at once', async () => {
    expectErrorShape((await audit().set('Authorization', revoked.bearer).expect(401)).body, 401, 'UNAUTHORIZED');
    const another = await createToken(testApp, 'admin');
    await audit().set('Authorization', another.bearer).expect(200);
    expect(await testApp.app.get(TokensService).revoke(another.id)).toBe('revoked');
    expect(await testApp.app.get(TokensService).revoke(another.id)).toBe('already-revoked');
    await audit().set('Authorization', another.bearer).expect(401);
  });

  it('answers 403 FORBIDDEN for a union token on an admin route', async () => {
    expectErrorShape((await audit().set('Authorization', union.bearer).expect(403)).body, 403, 'FORBIDDEN');
  });

  it.each(['token', 'access_token', 'api_key', 'other'])('refuses a token in the query string (?%s=), even with a valid header', async (name) => {
    const response = await testApp.http.get(`/api/admin/audit?${name}=${admin.token}`).expect(401);
    expectErrorShape(response.body, 401, 'UNAUTHORIZED');
    await testApp.http.get(`/api/admin/audit?${name}=${admin.token}`).set('Authorization', admin.bearer).expect(401);
  });

  it('refuses a token in the URL of an open route too, and checks a Bearer token presented there', async () => {
    await testApp.http.get('/api/caisses').expect(200);
    await testApp.http.get(`/api/caisses?access_token=${union.token}`).expect(401);
    await testApp.http.get('/api/caisses').set('Authorization', union.bearer).expect(200);
    await testApp.http.get('/api/caisses').set('Authorization', revoked.bearer).expect(401);
    // A reverse proxy's Basic auth is not ours to judge on an open route.
    await testApp.http.get('/api/caisses').set('Authorization', 'Basic dXNlcjpwYXNz').expect(200);
  });

  it('declares Bearer auth in the OpenAPI document', async () => {
    const document = (await testApp.http.get('/api/docs-json').expect(200)).body;
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.paths['/api/admin/audit'].get.security).toEqual([{ bearer: [] }]);
    const bulk = document.paths['/api/reports/bulk'].post;
    expect(bulk.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(bulk.requestBody.content).sort()).toEqual(['application/json', 'text/csv']);
    expect(document.components.schemas.CreateReportDto).toBeDefined();
  });

  describe('every protected route', () => {
    const someId = '00000000-0000-4000-8000-000000000000';
    // [method, path, roles allowed, body, the route's own answer past the guard]
    const routes: [string, string, string[], unknown, number][] = [
      ['get', '/api/admin/audit', ['admin'], undefined, 200],
      ['get', '/api/admin/reports', ['admin'], undefined, 200],
      ['post', `/api/admin/reports/${someId}/exclude`, ['admin'], { reason: 'test' }, 404],
      ['post', `/api/admin/reports/${someId}/restore`, ['admin'], undefined, 404],
      ['post', '/api/reports/bulk', ['union', 'admin'], [], 400],
      ['get', '/api/exports/stats.csv', ['union', 'admin'], undefined, 503],
      ['get', '/api/exports/stats.xlsx', ['union', 'admin'], undefined, 503],
      ['get', '/api/exports/stats.json', ['union', 'admin'], undefined, 503],
      ['get', '/api/exports/stats.pdf', ['union', 'admin'], undefined, 503],
      ['get', '/api/exports/cube.csv', ['union', 'admin'], undefined, 503],
      ['get', '/api/exports/cube.xlsx', ['union', 'admin'], undefined, 503],
      ['post', '/api/events', ['union', 'admin'], {}, 400],
      ['patch', `/api/events/${someId}`, ['union', 'admin'], { title: 'test' }, 404],
      ['delete', `/api/events/${someId}`, ['union', 'admin'], undefined, 404],
    ];
    const call = (method: string, path: string, body: unknown, authorization?: string) => {
      const request = testApp.http[method as 'get' | 'post' | 'patch' | 'delete'](path);
      if (authorization) request.set('Authorization', authorization);
      return body === undefined ? request : request.send(body as object);
    };

    it.each(routes)(
      '%s %s: 401 without, with a wrong or revoked token, or a token in the URL; 403 for a wrong role',
      async (method, path, allowed, body, answer) => {
        const expectRefusal = async (status: number, authorization?: string, url = path) =>
          expectErrorShape((await call(method, url, body, authorization).expect(status)).body, status, status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN');
        await expectRefusal(401);
        await expectRefusal(401, `Bearer dij_${'B'.repeat(43)}`);
        await expectRefusal(401, revoked.bearer);
        await expectRefusal(401, undefined, `${path}?access_token=${admin.token}`);
        await expectRefusal(401, admin.bearer, `${path}?token=${admin.token}`);
        for (const token of [admin, union]) {
          const role = token === admin ? 'admin' : 'union';
          if (allowed.includes(role)) await call(method, path, body, token.bearer).expect(answer);
          else await expectRefusal(403, token.bearer);
        }
      },
    );
  });

  describe('on the command line', () => {
    it('creates a token printed alone on the last line, that works, then lists and revokes it', async () => {
      const created = await runCli(testApp.db.url, ['tokens:create', '--org', 'UD CGT 13', '--role', 'admin']);
      expect(created.code).toBe(0);
      const token = lastLine(created.stdout);
      expect(token).toMatch(/^dij_[A-Za-z0-9_-]{43}$/);
      await audit().set('Authorization', `Bearer ${token}`).expect(200);
      const [row] = await testApp.db.query<{ id: string }>(`SELECT id FROM access_tokens WHERE organisation = 'UD CGT 13'`);

      const listed = await runCli(testApp.db.url, ['tokens:list']);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain(row.id);
      expect(listed.stdout).toContain('UD CGT 13');
      expect(listed.stdout).not.toContain(token.slice(4, 20));

      const revokedNow = await runCli(testApp.db.url, ['tokens:revoke', row.id]);
      expect(revokedNow.code).toBe(0);
      await audit().set('Authorization', `Bearer ${token}`).expect(401);
      expect((await runCli(testApp.db.url, ['tokens:list'])).stdout).toMatch(new RegExp(`${row.id}\\tadmin\\t\\S+\\t\\d{4}-\\d\\d-\\d\\dT`));
    });

    it.each([
      [['tokens:create', '--org', 'UD FO 75', '--role', 'boss']],
      [['tokens:create', '--role', 'union']],
      [['tokens:create', '--org', 'UD FO 75', '--role', 'union', '--extra', 'x']],
      [['tokens:revoke', 'not-a-uuid']],
      [['tokens:revoke', '00000000-0000-4000-8000-000000000000']],
    ])('exits 2 with a clear message on bad arguments: %j', async (args) => {
      const result = await runCli(testApp.db.url, args);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().length).toBeGreaterThan(10);
      expect(result.stderr).not.toContain('    at ');
      expect(result.stdout).not.toMatch(/dij_/);
    });
  });
});
