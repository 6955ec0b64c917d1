import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { PRIVACY_NOTICE_VERSION } from '../src/reports/privacy-notice';
import { createToken, TestToken } from './access-tokens';
import { expectErrorShape } from './error-shape';
import { daysAgo, reportBody } from './report-factory';
import { startTestApp, TestApp } from './test-app';

describe('moderation and audit (admin)', () => {
  let testApp: TestApp;
  let admin: TestToken;
  let ids: string[];
  beforeAll(async () => {
    testApp = await startTestApp();
    admin = await createToken(testApp, 'admin', 'Fédération');
  });
  afterAll(async () => testApp.close());
  beforeEach(async () => {
    await testApp.db.query('DELETE FROM audit_log');
    await testApp.db.query('DELETE FROM reports');
    ids = [];
    for (const days of [30, 40, 50])
      ids.push(
        (
          await testApp.http
            .post('/api/reports')
            .send(reportBody({ leaveStartedOn: daysAgo(days) }))
            .expect(201)
        ).body.id,
      );
  });

  const asAdmin = <T extends { set(name: string, value: string): T }>(request: T) => request.set('Authorization', admin.bearer);
  const exclude = (id: string, body: unknown) => asAdmin(testApp.http.post(`/api/admin/reports/${id}/exclude`)).send(body as object);
  const restore = (id: string) => asAdmin(testApp.http.post(`/api/admin/reports/${id}/restore`));
  const list = (query = '') => asAdmin(testApp.http.get(`/api/admin/reports${query}`));
  const factsCount = async () => (await testApp.db.query<{ n: number }>('SELECT count(*)::int AS n FROM report_facts'))[0].n;

  it('lists reports with their fields and moderation, never a receipt or its hash', async () => {
    const { body } = await list().expect(200);
    expect(body).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(body.items.map((item: { id: string }) => item.id).sort()).toEqual([...ids].sort());
    const item = body.items.find((candidate: { id: string }) => candidate.id === ids[0]);
    expect(item).toEqual({
      id: ids[0],
      caisseCode: '751',
      allowanceKind: 'maladie',
      leaveStartedOn: daysAgo(30),
      certificateSentOn: null,
      firstPaidOn: null,
      subrogation: false,
      consequences: [],
      status: 'waiting',
      statusAsOf: daysAgo(0),
      delayDays: null,
      waitingDays: 30,
      noticeVersion: PRIVACY_NOTICE_VERSION,
      moderation: 'accepted',
      moderationReason: null,
    });
    expect(JSON.stringify(body)).not.toMatch(/receipt/i);
  });

  it('excludes a report with a reason (it leaves report_facts), then restores it', async () => {
    expect(await factsCount()).toBe(3);
    const excluded = await exclude(ids[1], { reason: 'doublon d’un signalement papier' }).expect(200);
    expect(excluded.body).toMatchObject({ id: ids[1], moderation: 'excluded', moderationReason: 'doublon d’un signalement papier' });
    expect(await factsCount()).toBe(2);

    const onlyExcluded = (await list('?moderation=excluded').expect(200)).body;
    expect(onlyExcluded.items.map((item: { id: string }) => item.id)).toEqual([ids[1]]);
    expect(onlyExcluded.total).toBe(1);
    expect((await list('?moderation=accepted').expect(200)).body.total).toBe(2);
    expect((await list('?moderation=flagged').expect(200)).body.items).toEqual([]);

    const restored = await restore(ids[1]).expect(200);
    expect(restored.body).toMatchObject({ id: ids[1], moderation: 'accepted', moderationReason: null });
    expect(await factsCount()).toBe(3);
  });

  it('pages with limit and offset, and refuses bad paging or filters naming the field', async () => {
    const first = (await list('?limit=2').expect(200)).body;
    const second = (await list('?limit=2&offset=2').expect(200)).body;
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
    expect(new Set([...first.items, ...second.items].map((item: { id: string }) => item.id)).size).toBe(3);
    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?limit=201', 'limit'],
      ['?limit=ten', 'limit'],
      ['?offset=-1', 'offset'],
      ['?moderation=deleted', 'moderation'],
      ['?sort=id', 'sort'],
    ]) {
      expectErrorShape((await list(query).expect(400)).body, 400, 'VALIDATION_FAILED', [field]);
    }
  });

  it.each([
    ['a missing reason', {}, ['reason']],
    ['an empty reason', { reason: '' }, ['reason']],
    ['a reason over 200 characters', { reason: 'x'.repeat(201) }, ['reason']],
    ['a reason on two lines', { reason: 'one\ntwo' }, ['reason']],
    ['an unknown field', { reason: 'ok', note: 'x' }, ['note']],
  ])('refuses %s with 400, changing nothing', async (_case, body, fields) => {
    expectErrorShape((await exclude(ids[0], body).expect(400)).body, 400, 'VALIDATION_FAILED', fields);
    expect((await list('?moderation=accepted').expect(200)).body.total).toBe(3);
  });

  it.each([
    ['an unknown id', '00000000-0000-4000-8000-000000000000'],
    ['a malformed id', 'not-a-uuid'],
  ])('answers 404 for %s', async (_case, id) => {
    expectErrorShape((await exclude(id, { reason: 'test' }).expect(404)).body, 404, 'NOT_FOUND');
    expectErrorShape((await restore(id).expect(404)).body, 404, 'NOT_FOUND');
  });

  it('writes each moderation decision to the audit log, listed newest first and paged', async () => {
    await exclude(ids[0], { reason: 'incohérent' }).expect(200);
    await restore(ids[0]).expect(200);
    const { body } = await asAdmin(testApp.http.get('/api/admin/audit')).expect(200);
    expect(body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(body.items.map((entry: { action: string }) => entry.action)).toEqual(['reports.restore', 'reports.exclude']);
    expect(body.items[1]).toEqual({
      id: expect.any(String),
      tokenId: admin.id,
      organisation: 'Fédération',
      action: 'reports.exclude',
      query: { reportId: ids[0], reason: 'incohérent' },
      rowCount: 1,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const page = (await asAdmin(testApp.http.get('/api/admin/audit?limit=1&offset=1')).expect(200)).body;
    expect(page.items.map((entry: { action: string }) => entry.action)).toEqual(['reports.exclude']);
    expect(await testApp.db.query('SELECT count(*)::int AS n FROM audit_log')).toEqual([{ n: 2 }]);
  });
});
