import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Challenge } from 'altcha-lib';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { solveAltcha } from '../src/abuse/pow-solver';
import { ensureEmbeddedRoles, OWNER_ROLE, RoleUrls, SERVICE_ROLE } from '../src/database/embedded-roles';
import { excessPrivileges, grantServicePrivileges } from '../src/database/service-role';
import { createHttpApp } from '../src/http-app';
import { RetentionService } from '../src/retention/retention.service';
import { StatsService } from '../src/stats/stats.service';
import { TokensService } from '../src/tokens/tokens.service';
import { reportBody } from './report-factory';
import { createTestDatabase, TestDatabase } from './test-database';

// Migrations run as the owner; the service as a role that only reads and writes rows
// (docs/security.md). The roles are those the embedded server creates, on a database of this file.
describe('least privilege: the service role reads and writes rows, nothing more', () => {
  let db: TestDatabase;
  let folder: string;
  let roles: RoleUrls;
  let service: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    folder = mkdtempSync(join(tmpdir(), 'delais-ij-roles-'));
    // The template was migrated by the superuser, as a version without roles did: the owner takes it over.
    roles = await ensureEmbeddedRoles(db.url, folder);
    await grantServicePrivileges(roles.ownerUrl, SERVICE_ROLE);
    service = new Client({ connectionString: roles.serviceUrl });
    await service.connect();
  });
  afterAll(async () => {
    await service.end();
    await db.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('gives every object of the schema to the owner, and keeps the roles’ passwords in private files', async () => {
    const foreign = await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'S') AND pg_get_userbyid(c.relowner) <> $1
       UNION ALL SELECT p.proname FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND pg_get_userbyid(p.proowner) <> $1`,
      [OWNER_ROLE],
    );
    expect(foreign).toEqual([]);
    for (const role of [OWNER_ROLE, SERVICE_ROLE]) expect(statSync(join(folder, `${role}-password`)).mode & 0o077).toBe(0);
    // Run again (every start does): nothing changes, nothing fails.
    expect(await ensureEmbeddedRoles(db.url, folder)).toEqual(roles);
  });

  it('finds no privilege beyond rows in the service role, and names those of the others', async () => {
    expect(await excessPrivileges(roles.serviceUrl)).toEqual([]);
    const owner = await excessPrivileges(roles.ownerUrl);
    expect(owner).toEqual(expect.arrayContaining(['create_in_schema', 'owns_tables']));
    expect(owner).not.toContain('superuser');
    expect(await excessPrivileges(db.url)).toEqual(expect.arrayContaining(['superuser', 'pg_read_server_files']));
  });

  it.each([
    ['create a table', 'CREATE TABLE intruder (x int)'],
    ['create a temporary table', 'CREATE TEMPORARY TABLE intruder (x int)'],
    ['create a function', 'CREATE FUNCTION intruder() RETURNS int LANGUAGE sql RETURN 1'],
    ['alter a table', 'ALTER TABLE reports ADD COLUMN intruder int'],
    ['drop a table', 'DROP TABLE audit_log'],
    ['empty a table at once', 'TRUNCATE reports'],
    ['read the migrations table', 'SELECT * FROM migrations'],
    ['read a server file', "SELECT pg_read_file('postgresql.conf')"],
    ['write a server file', "COPY (SELECT 1) TO '/tmp/delais-ij-intruder'"],
    ['run a program', "COPY (SELECT 1) TO PROGRAM 'true'"],
    ['read the password hashes', 'SELECT rolpassword FROM pg_authid'],
    ['create a role', 'CREATE ROLE intruder'],
  ])('cannot %s', async (_label, sql) => {
    await expect(service.query(sql)).rejects.toMatchObject({ code: '42501' });
  });

  describe('the service running as that role', () => {
    let app: NestFastifyApplication;
    const environment = { RATE_LIMIT_ENABLED: 'true', MODERATION_SIGNALS: 'true', POW_REQUIRED: 'true', POW_COST: '1', POW_MAX_COUNTER: '30' };

    beforeAll(async () => {
      app = await createHttpApp(roles.serviceUrl, { logRequests: false, logger: ['error'], environment });
    });
    afterAll(() => app.close());

    it('takes, shows, changes and deletes a report, imports with a token, refreshes and purges', async () => {
      const http = request(app.getHttpServer());
      const challenge = await http.get('/api/pow-challenge').expect(200);
      const created = await http
        .post('/api/reports')
        .set('Idempotency-Key', 'least-privilege')
        .send(reportBody({ altcha: await solveAltcha(challenge.body as Challenge) }))
        .expect(201);
      await http.get('/api/my-report').set('X-Receipt', created.body.receipt).expect(200);
      await http.patch('/api/my-report').set('X-Receipt', created.body.receipt).send({ subrogation: true }).expect(200);
      const token = await app.get(TokensService).create('UD test', 'union');
      await http.post('/api/reports/bulk').set('Authorization', `Bearer ${token.token}`).send([reportBody()]).expect(201);
      expect((await app.get(StatsService).refresh()).refreshed).toBe(true);
      await http.get('/api/stats').expect(200);
      expect((await app.get(RetentionService).purge()).ran).toBe(true);
      await http.delete('/api/my-report').set('X-Receipt', created.body.receipt).expect(204);
    });

    it('records, lists, edits and deletes an event with a token, each change audited', async () => {
      const http = request(app.getHttpServer());
      const bearer = `Bearer ${(await app.get(TokensService).create('UD events', 'union')).token}`;
      const created = await http
        .post('/api/events')
        .set('Authorization', bearer)
        .send({ scope: '751', date: '2026-01-05', title: 'Réorganisation' })
        .expect(201);
      expect((await http.get('/api/events?scope=751').expect(200)).body.total).toBe(1);
      await http.patch(`/api/events/${created.body.id}`).set('Authorization', bearer).send({ source: 'https://example.org/x' }).expect(200);
      await http.delete(`/api/events/${created.body.id}`).set('Authorization', bearer).expect(204);
      const audited = await service.query(`SELECT action FROM audit_log WHERE organisation = 'UD events' ORDER BY created_at`);
      expect(audited.rows.map((row: { action: string }) => row.action)).toEqual(['events.create', 'events.update', 'events.delete']);
    });
  });
});
