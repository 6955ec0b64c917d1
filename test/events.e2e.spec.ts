import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { EventsService } from '../src/events/events.service';
import { createToken, TestToken } from './access-tokens';
import { expectErrorShape } from './error-shape';
import { daysAgo } from './report-factory';
import { startTestApp, TestApp } from './test-app';

interface AuditRow {
  action: string;
  organisation: string;
  token_id: string;
  query: Record<string, unknown>;
}

describe('events (POST, GET, PATCH, DELETE /api/events)', () => {
  let testApp: TestApp;
  let union: TestToken;
  let otherUnion: TestToken;
  let admin: TestToken;
  beforeAll(async () => {
    testApp = await startTestApp();
    union = await createToken(testApp, 'union', 'UD CGT 59');
    otherUnion = await createToken(testApp, 'union', 'UD FO 75');
    admin = await createToken(testApp, 'admin', 'Fédération');
  });
  afterAll(async () => testApp.close());
  beforeEach(async () => {
    await testApp.db.query('DELETE FROM audit_log');
    await testApp.db.query('DELETE FROM timeline_events');
  });

  const event = (overrides: Record<string, unknown> = {}) => ({
    scope: '595',
    date: daysAgo(40),
    title: 'Transfert de 6 agents IJ vers la plateforme retraite',
    ...overrides,
  });
  const create = (token: TestToken, body: unknown) =>
    testApp.http
      .post('/api/events')
      .set('Authorization', token.bearer)
      .send(body as object);
  const update = (token: TestToken, id: string, body: unknown) =>
    testApp.http
      .patch(`/api/events/${id}`)
      .set('Authorization', token.bearer)
      .send(body as object);
  const remove = (token: TestToken, id: string) => testApp.http.delete(`/api/events/${id}`).set('Authorization', token.bearer);
  const auditRows = () => testApp.db.query<AuditRow>(`SELECT action, organisation, token_id, query FROM audit_log ORDER BY created_at`);
  const storedCount = async () => (await testApp.db.query<{ n: number }>('SELECT count(*)::int AS n FROM timeline_events'))[0].n;

  it('lets a union record an event, answers it whole, and lists it publicly without a token', async () => {
    const created = await create(union, event({ source: 'https://www.example.org/communique-ij' })).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      scope: '595',
      scopeLevel: 'caisse',
      scopeCode: '595',
      date: daysAgo(40),
      title: 'Transfert de 6 agents IJ vers la plateforme retraite',
      source: 'https://www.example.org/communique-ij',
      organisation: 'UD CGT 59',
    });
    const listed = await testApp.http.get('/api/events').expect(200);
    expect(listed.body).toEqual({ items: [created.body], total: 1, limit: 50, offset: 0 });

    const [row] = await testApp.db.query<{ hourly: boolean }>(`SELECT created_at = date_trunc('hour', created_at) AS hourly FROM timeline_events`);
    expect(row.hourly).toBe(true);
  });

  it('reads every kind of scope, stores titles trimmed and in NFC, and an admin records events too', async () => {
    const scopes: [string, string, string | null, string][] = [
      ['national', 'national', null, 'national'],
      ['Hauts-de-France', 'region', 'Hauts-de-France', 'Hauts-de-France'],
      ['hauts-de-france', 'region', 'Hauts-de-France', 'Hauts-de-France'],
      ['59', 'departement', '59', '59'],
      ['2a', 'departement', '2A', '2A'],
      ['974', 'caisse', '974', '974'],
      ['departement:974', 'departement', '974', 'departement:974'],
    ];
    for (const [scope, scopeLevel, scopeCode, echoed] of scopes) {
      const { body } = await create(admin, event({ scope })).expect(201);
      expect([scope, body.scopeLevel, body.scopeCode, body.scope, body.organisation]).toEqual([scope, scopeLevel, scopeCode, echoed, 'Fédération']);
    }
    const titled = await create(union, event({ title: '  Fermeture de l’accueil de Roubaix\u0301 ' })).expect(201);
    expect(titled.body.title).toBe('Fermeture de l’accueil de Roubaix\u0301'.normalize('NFC'));
    expect(titled.body.source).toBeNull();
    const linked = await create(union, event({ source: 'HTTPS://Example.org/Communiqué' })).expect(201);
    expect(linked.body.source).toBe('https://Example.org/Communiqué');
  });

  it('lists newest first, filters by scope, and pages', async () => {
    const dates = [daysAgo(300), daysAgo(10), daysAgo(100)];
    for (const date of dates) await create(union, event({ date })).expect(201);
    await create(union, event({ scope: 'national', date: daysAgo(5) })).expect(201);
    await create(union, event({ scope: 'departement:974', date: daysAgo(6) })).expect(201);

    const all = (await testApp.http.get('/api/events').expect(200)).body;
    expect(all.items.map((item: { date: string }) => item.date)).toEqual([daysAgo(5), daysAgo(6), daysAgo(10), daysAgo(100), daysAgo(300)]);
    const fund = (await testApp.http.get('/api/events?scope=595').expect(200)).body;
    expect(fund.items.map((item: { date: string }) => item.date)).toEqual([daysAgo(10), daysAgo(100), daysAgo(300)]);
    expect(fund.total).toBe(3);
    expect((await testApp.http.get('/api/events?scope=national').expect(200)).body.items.map((item: { scope: string }) => item.scope)).toEqual(['national']);
    expect((await testApp.http.get('/api/events?scope=974').expect(200)).body.total).toBe(0);
    expect((await testApp.http.get('/api/events?scope=departement%3A974').expect(200)).body.total).toBe(1);
    const page = (await testApp.http.get('/api/events?limit=2&offset=1').expect(200)).body;
    expect([page.items.map((item: { date: string }) => item.date), page.total, page.limit, page.offset]).toEqual([[daysAgo(6), daysAgo(10)], 5, 2, 1]);
  });

  it('gives the pages a fund’s events with its département’s, region’s and national ones (EventsService.concerning)', async () => {
    const titles: [string, string][] = [
      ['595', 'fund'],
      ['59', 'département'],
      ['Hauts-de-France', 'region'],
      ['national', 'national'],
      ['594', 'other fund'],
      ['Corse', 'other region'],
    ];
    for (const [index, [scope, title]] of titles.entries()) await create(admin, event({ scope, title, date: daysAgo(10 + index) })).expect(201);
    const service = testApp.app.get(EventsService);
    expect((await service.concerning({ level: 'caisse', code: '595' })).map((found) => found.title)).toEqual(['fund', 'département', 'region', 'national']);
    expect((await service.concerning({ level: 'departement', code: '59' })).map((found) => found.title)).toEqual(['département', 'region', 'national']);
    expect((await service.concerning({ level: 'national', code: null })).map((found) => found.title)).toEqual(['national']);
    expect((await service.concerning({ level: 'caisse', code: '595' }, 2)).map((found) => found.title)).toEqual(['fund', 'département']);
  });

  it.each([
    ['an unknown scope', '?scope=999', 'scope'],
    ['an unknown region', '?scope=Bavi%C3%A8re', 'scope'],
    ['a page too large', '?limit=500', 'limit'],
    ['an unknown filter', '?organisation=x', 'organisation'],
  ])('refuses a list with %s (400 naming the field)', async (_case, query, field) => {
    expectErrorShape((await testApp.http.get(`/api/events${query}`).expect(400)).body, 400, 'VALIDATION_FAILED', [field]);
  });

  it('lets a union edit and delete its own events, an admin anyone’s, and records one audit entry per change', async () => {
    const id = (await create(union, event()).expect(201)).body.id;
    const edited = await update(union, id, { title: 'Transfert de 8 agents', source: 'https://example.org/a', scope: '59' }).expect(200);
    expect(edited.body).toMatchObject({
      id,
      title: 'Transfert de 8 agents',
      source: 'https://example.org/a',
      scope: '59',
      scopeLevel: 'departement',
      date: daysAgo(40),
      organisation: 'UD CGT 59',
    });
    const cleared = await update(admin, id, { source: null, date: daysAgo(41) }).expect(200);
    expect(cleared.body).toMatchObject({ source: null, date: daysAgo(41), organisation: 'UD CGT 59' });
    expect((await testApp.http.get('/api/events').expect(200)).body.items).toEqual([cleared.body]);

    const second = (await create(union, event()).expect(201)).body.id;
    await remove(union, id).expect(204);
    await remove(admin, second).expect(204);
    expect(await storedCount()).toBe(0);
    await remove(union, id).expect(404);

    const audit = await auditRows();
    expect(audit.map((row) => [row.action, row.organisation, row.token_id])).toEqual([
      ['events.create', 'UD CGT 59', union.id],
      ['events.update', 'UD CGT 59', union.id],
      ['events.update', 'Fédération', admin.id],
      ['events.create', 'UD CGT 59', union.id],
      ['events.delete', 'UD CGT 59', union.id],
      ['events.delete', 'Fédération', admin.id],
    ]);
    expect(audit.find((row) => row.action === 'events.update' && row.token_id === union.id)?.query).toEqual({
      eventId: id,
      changed: ['scope', 'title', 'source'],
      scopeLevel: 'departement',
      scopeCode: '59',
      date: daysAgo(40),
      title: 'Transfert de 8 agents',
      source: 'https://example.org/a',
      organisation: 'UD CGT 59',
    });
    expect(
      audit
        .filter((row) => row.action === 'events.delete')
        .map((row) => row.query.eventId)
        .sort(),
    ).toEqual([id, second].sort());
  });

  it('changes EventsService.version at once on every create, edit and delete here, and within a second for a change made elsewhere', async () => {
    const service = testApp.app.get(EventsService);
    const id = (await create(union, event()).expect(201)).body.id;
    const versions = [await service.version()];
    await update(union, id, { title: 'Transfert de 8 agents' }).expect(200);
    versions.push(await service.version());
    await update(union, id, { date: daysAgo(41) }).expect(200);
    versions.push(await service.version());
    await remove(union, id).expect(204);
    versions.push(await service.version());
    expect(new Set(versions).size).toBe(4);
    // Another instance's change: only the table says so, read again at most once a second.
    await testApp.db.query(
      `INSERT INTO timeline_events (id, scope_level, scope_code, occurred_on, title, organisation) VALUES (gen_random_uuid(), 'national', NULL, '2025-03-01', 'Ailleurs', 'UD FO 75')`,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const elsewhere = await service.version();
    expect(versions).not.toContain(elsewhere);
    await testApp.db.query(`UPDATE timeline_events SET title = 'Ailleurs, corrigé'`);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await service.version()).not.toBe(elsewhere);
  });

  it('forbids a union to change another organisation’s event (403), changing nothing and auditing nothing', async () => {
    const created = (await create(union, event()).expect(201)).body;
    expectErrorShape((await update(otherUnion, created.id, { title: 'Effacé' }).expect(403)).body, 403, 'FORBIDDEN');
    expectErrorShape((await remove(otherUnion, created.id).expect(403)).body, 403, 'FORBIDDEN');
    expect((await testApp.http.get('/api/events').expect(200)).body.items).toEqual([created]);
    expect((await auditRows()).map((row) => row.action)).toEqual(['events.create']);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    for (const id of ['6f1c2b8e-0d5b-4f55-9a57-8f1e3f3b2a10', 'not-a-uuid', '1']) {
      expectErrorShape((await update(admin, id, { title: 'x' }).expect(404)).body, 404, 'NOT_FOUND');
      expectErrorShape((await remove(admin, id).expect(404)).body, 404, 'NOT_FOUND');
    }
  });

  it('needs a union or admin token to change anything (401 without one)', async () => {
    const id = (await create(union, event()).expect(201)).body.id;
    expectErrorShape((await testApp.http.post('/api/events').send(event()).expect(401)).body, 401, 'UNAUTHORIZED');
    expectErrorShape((await testApp.http.patch(`/api/events/${id}`).send({ title: 'x' }).expect(401)).body, 401, 'UNAUTHORIZED');
    expectErrorShape((await testApp.http.delete(`/api/events/${id}`).expect(401)).body, 401, 'UNAUTHORIZED');
    expectErrorShape((await testApp.http.delete(`/api/events/${id}`).set('Authorization', 'Bearer dij_unknown').expect(401)).body, 401, 'UNAUTHORIZED');
    expect(await storedCount()).toBe(1);
  });

  it.each([
    ['a title over 120 characters', { title: 'x'.repeat(121) }, ['title']],
    ['a blank title', { title: '   ' }, ['title']],
    ['a title with a line feed', { title: 'Grève\nsuite' }, ['title']],
    ['a title with a NUL', { title: 'Grève\u0000' }, ['title']],
    ['a title with a right-to-left override', { title: 'abc\u202edef' }, ['title']],
    ['a title that is not a string', { title: 42 }, ['title']],
    ['an http:// source', { source: 'http://www.example.org/x' }, ['source']],
    ['a javascript: source', { source: 'javascript:alert(1)' }, ['source']],
    ['a source with credentials', { source: 'https://user:secret@example.org/' }, ['source']],
    ['an unknown scope', { scope: '999' }, ['scope']],
    ['an unknown region', { scope: 'Bavière' }, ['scope']],
    ['a département as a fund', { scope: 'caisse:59' }, ['scope']],
    ['an impossible date', { date: '2026-02-30' }, ['date']],
    ['a date badly written', { date: '05/12/2026' }, ['date']],
    ['a date tomorrow in Paris', { date: daysAgo(-1) }, ['date']],
    ['a missing title and date', { title: undefined, date: undefined }, ['title', 'date']],
    ['an unknown field', { organisation: 'UD FO 75' }, ['organisation']],
  ])('refuses %s with 400 naming the field, storing nothing', async (_case, overrides, fields) => {
    const response = await create(union, event(overrides)).expect(400);
    expectErrorShape(response.body, 400, 'VALIDATION_FAILED', fields);
    expect(await storedCount()).toBe(0);
    expect(await auditRows()).toEqual([]);
  });

  it('accepts a title of exactly 120 characters, and today’s date', async () => {
    await create(union, event({ title: 'é'.repeat(120), date: daysAgo(0) })).expect(201);
  });

  it.each([
    ['an empty change', {}, ['body']],
    ['a null title', { title: null }, ['title']],
    ['a title over 120 characters', { title: 'y'.repeat(121) }, ['title']],
    ['an http:// source', { source: 'http://example.org' }, ['source']],
    ['an unknown scope', { scope: 'Atlantide' }, ['scope']],
    ['a future date', { date: daysAgo(-2) }, ['date']],
    ['an organisation', { organisation: 'UD FO 75' }, ['organisation']],
  ])('refuses an edit with %s (400 naming the field), changing nothing', async (_case, body, fields) => {
    const created = (await create(union, event()).expect(201)).body;
    expectErrorShape((await update(union, created.id, body).expect(400)).body, 400, 'VALIDATION_FAILED', fields);
    expect((await testApp.http.get('/api/events').expect(200)).body.items).toEqual([created]);
    expect((await auditRows()).map((row) => row.action)).toEqual(['events.create']);
  });
});
