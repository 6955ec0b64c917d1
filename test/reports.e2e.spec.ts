import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { parisToday } from '../src/config/paris-date';
import { PRIVACY_NOTICE_VERSION } from '../src/reports/privacy-notice';
import { expectErrorShape } from './error-shape';
import { daysAgo, reportBody } from './report-factory';
import { startTestApp, TestApp } from './test-app';

const RECEIPT_FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

describe('POST /api/reports', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await startTestApp()));
  afterAll(async () => testApp.close());
  beforeEach(async () => {
    await testApp.db.query('DELETE FROM reports');
    await testApp.db.query('DELETE FROM idempotency_keys');
  });

  const countReports = async () => (await testApp.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports'))[0].n;
  const post = (body: unknown) => testApp.http.post('/api/reports').send(body as object);

  it('stores a waiting report and answers it with a receipt shown once', async () => {
    const leave = daysAgo(40);
    const response = await post(reportBody({ leaveStartedOn: leave })).expect(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      receipt: expect.stringMatching(RECEIPT_FORMAT),
      caisseCode: '751',
      allowanceKind: 'maladie',
      leaveStartedOn: leave,
      certificateSentOn: null,
      firstPaidOn: null,
      subrogation: false,
      consequences: [],
      status: 'waiting',
      statusAsOf: parisToday(),
      delayDays: null,
      waitingDays: 40,
      noticeVersion: PRIVACY_NOTICE_VERSION,
    });
    expect(await countReports()).toBe(1);
  });

  it('stores a paid report with its delay, attestation date, subrogation and consequences', async () => {
    const body = reportBody({
      allowanceKind: 'accident_travail',
      leaveStartedOn: daysAgo(60),
      certificateSentOn: daysAgo(55),
      firstPaidOn: daysAgo(10),
      subrogation: true,
      consequences: ['overdraft', 'borrowed'],
    });
    const response = await post(body).expect(201);
    expect(response.body).toMatchObject({
      status: 'paid',
      delayDays: 50,
      waitingDays: null,
      certificateSentOn: daysAgo(55),
      firstPaidOn: daysAgo(10),
      subrogation: true,
      consequences: ['overdraft', 'borrowed'],
    });
  });

  it('keeps calendar dates only: no timestamp, no address, the receipt only as a hash', async () => {
    const { body } = await post(reportBody()).expect(201);
    const columns = await testApp.db.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'reports' ORDER BY column_name`,
    );
    expect(columns.map((column) => column.column_name)).toEqual([
      'allowance_kind',
      'caisse_code',
      'certificate_sent_on',
      'coarse_duration_days',
      'coarse_fund_duration_days',
      'coarse_leave_month',
      'coarse_paid',
      'coarsened',
      'consequences',
      'first_paid_on',
      'id',
      'leave_started_on',
      'moderation',
      'moderation_reason',
      'notice_version',
      'receipt_hash',
      'status_as_of',
      'subrogation',
    ]);
    expect(columns.some((column) => column.data_type.startsWith('timestamp'))).toBe(false);
    const [row] = await testApp.db.query<Record<string, unknown>>('SELECT * FROM reports');
    const stored = JSON.stringify(row) + (row.receipt_hash as Buffer).toString('latin1');
    const compactReceipt = (body.receipt as string).replace(/-/g, '');
    expect(stored).not.toContain(body.receipt);
    expect(stored).not.toContain(compactReceipt);
    expect((row.receipt_hash as Buffer).length).toBe(32);
  });

  it('gives every report a different receipt', async () => {
    const receipts = new Set<string>();
    for (let index = 0; index < 20; index++) receipts.add((await post(reportBody()).expect(201)).body.receipt);
    expect(receipts.size).toBe(20);
  });

  describe('refuses bad input with 400 naming the field, and stores nothing', () => {
    const cases: [string, Record<string, unknown>, string[]][] = [
      ['a missing fund', { caisseCode: undefined }, ['caisseCode']],
      ['an unknown fund', { caisseCode: '999' }, ['caisseCode']],
      ['a fund code of the wrong type', { caisseCode: 751 }, ['caisseCode']],
      ['a missing kind', { allowanceKind: undefined }, ['allowanceKind']],
      ['an unknown kind', { allowanceKind: 'chomage' }, ['allowanceKind']],
      ['a missing leave date', { leaveStartedOn: undefined }, ['leaveStartedOn']],
      ['an impossible date', { leaveStartedOn: '2026-02-30' }, ['leaveStartedOn']],
      ['a date in another format', { leaveStartedOn: '01/09/2026' }, ['leaveStartedOn']],
      ['a date as a number', { leaveStartedOn: 20260901 }, ['leaveStartedOn']],
      ['a leave in the future', { leaveStartedOn: daysAgo(-1) }, ['leaveStartedOn']],
      ['a leave before 2015', { leaveStartedOn: '2014-12-31' }, ['leaveStartedOn']],
      ['an attestation before the leave', { leaveStartedOn: daysAgo(10), certificateSentOn: daysAgo(11) }, ['certificateSentOn']],
      ['an attestation in the future', { certificateSentOn: daysAgo(-2) }, ['certificateSentOn']],
      ['a payment before the leave', { leaveStartedOn: daysAgo(10), firstPaidOn: daysAgo(12) }, ['firstPaidOn']],
      ['a payment in the future', { firstPaidOn: daysAgo(-1) }, ['firstPaidOn']],
      ['subrogation as a string', { subrogation: 'false' }, ['subrogation']],
      ['consequences not an array', { consequences: 'overdraft' }, ['consequences']],
      ['an unknown consequence', { consequences: ['lost_job'] }, ['consequences']],
      ['a repeated consequence', { consequences: ['overdraft', 'overdraft'] }, ['consequences']],
      ['"none" beside another consequence', { consequences: ['none', 'borrowed'] }, ['consequences']],
      ['consent missing', { consent: undefined }, ['consent']],
      ['consent false', { consent: false }, ['consent']],
      ['consent as a string', { consent: 'true' }, ['consent']],
      ['an unknown field', { name: 'Jeanne Dupont' }, ['name']],
      ['a free-text field', { comment: 'diabète' }, ['comment']],
      ['two bad fields at once', { allowanceKind: 'x', consent: false }, ['allowanceKind', 'consent']],
    ];
    it.each(cases)('%s', async (_label, overrides, fields) => {
      const response = await post(reportBody(overrides)).expect(400);
      expectErrorShape(response.body, 400, 'VALIDATION_FAILED', fields);
      expect(await countReports()).toBe(0);
    });
  });

  it('accepts a leave that started today and a payment the same day', async () => {
    const today = parisToday();
    await post(reportBody({ leaveStartedOn: today, firstPaidOn: today, certificateSentOn: today })).expect(201);
  });

  it('answers malformed JSON, a non-object body, another media type and a huge body in the error shape', async () => {
    const malformed = await testApp.http.post('/api/reports').set('Content-Type', 'application/json').send('{"caisseCode":').expect(400);
    expectErrorShape(malformed.body, 400, 'VALIDATION_FAILED', ['body']);
    for (const body of ['[1,2]', '"text"', '42', 'null']) {
      const response = await testApp.http.post('/api/reports').set('Content-Type', 'application/json').send(body).expect(400);
      expectErrorShape(response.body, 400, 'VALIDATION_FAILED', ['body']);
    }
    const empty = await testApp.http.post('/api/reports').set('Content-Type', 'application/json').send('').expect(400);
    expectErrorShape(empty.body, 400, 'VALIDATION_FAILED', ['body']);
    const text = await testApp.http.post('/api/reports').set('Content-Type', 'text/plain').send('caisseCode=751').expect(415);
    expectErrorShape(text.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const huge = await post({ ...reportBody(), padding: 'x'.repeat(70 * 1024) }).expect(413);
    expectErrorShape(huge.body, 413, 'PAYLOAD_TOO_LARGE');
    expect(await countReports()).toBe(0);
  });

  describe('Idempotency-Key', () => {
    it('replays the original answer for the same key and body, and stores one report', async () => {
      const body = reportBody();
      const first = await post(body).set('Idempotency-Key', 'retry-key-1').expect(201);
      const second = await post({ ...body })
        .set('Idempotency-Key', 'retry-key-1')
        .expect(201);
      expect(second.body).toEqual(first.body);
      expect(await countReports()).toBe(1);
    });

    it('treats the same fields in another order as the same body', async () => {
      const body = reportBody({ consequences: ['overdraft'] });
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const first = await post(body).set('Idempotency-Key', 'order-key').expect(201);
      const second = await post(reordered).set('Idempotency-Key', 'order-key').expect(201);
      expect(second.body.id).toBe(first.body.id);
    });

    it('answers 422 IDEMPOTENCY_MISMATCH for the same key with another body', async () => {
      await post(reportBody()).set('Idempotency-Key', 'mismatch-key').expect(201);
      const response = await post(reportBody({ allowanceKind: 'maternite' }))
        .set('Idempotency-Key', 'mismatch-key')
        .expect(422);
      expectErrorShape(response.body, 422, 'IDEMPOTENCY_MISMATCH');
      expect(await countReports()).toBe(1);
    });

    it('stores one report when the same request arrives many times at once', async () => {
      const body = reportBody({ firstPaidOn: daysAgo(3) });
      const responses = await Promise.all(Array.from({ length: 12 }, () => post(body).set('Idempotency-Key', 'concurrent-key')));
      for (const response of responses) expect([201, 409]).toContain(response.status);
      const created = responses.filter((response) => response.status === 201);
      expect(created.length).toBeGreaterThan(0);
      expect(new Set(created.map((response) => response.body.receipt)).size).toBe(1);
      expect(await countReports()).toBe(1);
    });

    it('does not replay after 24 hours: the key then makes a new report', async () => {
      const body = reportBody();
      const first = await post(body).set('Idempotency-Key', 'old-key').expect(201);
      await testApp.db.query(`UPDATE idempotency_keys SET created_at = utc_hour(now()) - interval '25 hours'`);
      const second = await post(body).set('Idempotency-Key', 'old-key').expect(201);
      expect(second.body.id).not.toBe(first.body.id);
      expect(await countReports()).toBe(2);
    });

    it('keeps no readable trace of the key or the receipt', async () => {
      const { body } = await post(reportBody()).set('Idempotency-Key', 'secret-key-value').expect(201);
      const [row] = await testApp.db.query<Record<string, Buffer>>('SELECT key_hash, request_hash, response FROM idempotency_keys');
      const stored = Object.values(row)
        .map((value) => value.toString('latin1'))
        .join('');
      expect(stored).not.toContain('secret-key-value');
      expect(stored).not.toContain(body.receipt);
      expect(stored).not.toContain(body.id);
    });

    it.each([
      ['empty', ''],
      ['with a space', 'two words'],
      ['non-ASCII', 'clé'],
      ['too long', 'k'.repeat(256)],
    ])('refuses a key that is %s', async (_label, key) => {
      const response = await post(reportBody()).set('Idempotency-Key', key).expect(400);
      expectErrorShape(response.body, 400, 'VALIDATION_FAILED', ['Idempotency-Key']);
      expect(await countReports()).toBe(0);
    });
  });
});

describe('/api/my-report', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await startTestApp()));
  afterAll(async () => testApp.close());

  const create = async (overrides: Record<string, unknown> = {}) =>
    (await testApp.http.post('/api/reports').send(reportBody(overrides)).expect(201)).body as { id: string; receipt: string };

  it('shows the report without its receipt, whatever the case and dashes of the receipt typed', async () => {
    const { id, receipt } = await create({ leaveStartedOn: daysAgo(20) });
    for (const typed of [receipt, receipt.toLowerCase(), receipt.replace(/-/g, ''), ` ${receipt.replace(/-/g, ' ')} `]) {
      const response = await testApp.http.get('/api/my-report').set('X-Receipt', typed).expect(200);
      expect(response.body).toMatchObject({ id, status: 'waiting', waitingDays: 20 });
      expect(response.body.receipt).toBeUndefined();
    }
  });

  it('shows the version of the privacy notice the report was given under, and null for one sent before it was recorded', async () => {
    const { id, receipt } = await create();
    const mine = async () => (await testApp.http.get('/api/my-report').set('X-Receipt', receipt).expect(200)).body;
    expect((await mine()).noticeVersion).toBe(PRIVACY_NOTICE_VERSION);
    expect(await testApp.db.query('SELECT notice_version FROM reports WHERE id = $1', [id])).toEqual([{ notice_version: PRIVACY_NOTICE_VERSION }]);
    await testApp.db.query('UPDATE reports SET notice_version = NULL WHERE id = $1', [id]);
    expect((await mine()).noticeVersion).toBeNull();
  });

  it('answers the same 404 for a missing, malformed or unknown receipt', async () => {
    const missing = await testApp.http.get('/api/my-report').expect(404);
    const malformed = await testApp.http.get('/api/my-report').set('X-Receipt', 'not-a-receipt').expect(404);
    const unknown = await testApp.http.get('/api/my-report').set('X-Receipt', '0000-0000-0000-0000').expect(404);
    expectErrorShape(unknown.body, 404, 'NOT_FOUND');
    expect(malformed.body).toEqual(unknown.body);
    expect(missing.body).toEqual(unknown.body);
  });

  it('records the payment date, computing the delay, and moves statusAsOf to today', async () => {
    const { receipt } = await create({ leaveStartedOn: daysAgo(45) });
    await testApp.db.query(`UPDATE reports SET status_as_of = leave_started_on + 1`);
    const response = await testApp.http
      .patch('/api/my-report')
      .set('X-Receipt', receipt)
      .send({ firstPaidOn: daysAgo(5) })
      .expect(200);
    expect(response.body).toMatchObject({ status: 'paid', firstPaidOn: daysAgo(5), delayDays: 40, waitingDays: null, statusAsOf: parisToday() });
    const again = await testApp.http.get('/api/my-report').set('X-Receipt', receipt).expect(200);
    expect(again.body.firstPaidOn).toBe(daysAgo(5));
  });

  it('confirms "still waiting" by moving statusAsOf only', async () => {
    const { receipt } = await create({ leaveStartedOn: daysAgo(50), consequences: ['overdraft'] });
    await testApp.db.query(`UPDATE reports SET status_as_of = leave_started_on + 10`);
    const response = await testApp.http.patch('/api/my-report').set('X-Receipt', receipt).send({ stillWaiting: true }).expect(200);
    expect(response.body).toMatchObject({ status: 'waiting', statusAsOf: parisToday(), waitingDays: 50, consequences: ['overdraft'] });
  });

  it('updates the attestation date, subrogation and consequences, and can clear a payment date', async () => {
    const { receipt } = await create({ leaveStartedOn: daysAgo(30), firstPaidOn: daysAgo(1) });
    const response = await testApp.http
      .patch('/api/my-report')
      .set('X-Receipt', receipt)
      .send({ certificateSentOn: daysAgo(25), subrogation: true, consequences: ['none'], firstPaidOn: null })
      .expect(200);
    expect(response.body).toMatchObject({ certificateSentOn: daysAgo(25), subrogation: true, consequences: ['none'], status: 'waiting' });
  });

  it('applies the creation rules to an update, against the stored leave date', async () => {
    const { receipt } = await create({ leaveStartedOn: daysAgo(10) });
    const cases: [Record<string, unknown>, string[]][] = [
      [{ firstPaidOn: daysAgo(11) }, ['firstPaidOn']],
      [{ certificateSentOn: daysAgo(12) }, ['certificateSentOn']],
      [{ firstPaidOn: daysAgo(-1) }, ['firstPaidOn']],
      [{ firstPaidOn: '2026-02-31' }, ['firstPaidOn']],
      [{ consequences: ['none', 'overdraft'] }, ['consequences']],
      [{ consequences: null }, ['consequences']],
      [{ subrogation: 1 }, ['subrogation']],
      [{ stillWaiting: false }, ['stillWaiting']],
      [{ stillWaiting: true, subrogation: true }, ['stillWaiting']],
      [{ leaveStartedOn: daysAgo(3) }, ['leaveStartedOn']],
      [{ caisseCode: '131' }, ['caisseCode']],
      [{}, ['body']],
    ];
    for (const [body, fields] of cases) {
      const response = await testApp.http.patch('/api/my-report').set('X-Receipt', receipt).send(body);
      expect(response.status).toBe(400);
      expectErrorShape(response.body, 400, 'VALIDATION_FAILED', fields);
    }
    const unchanged = await testApp.http.get('/api/my-report').set('X-Receipt', receipt).expect(200);
    expect(unchanged.body).toMatchObject({ status: 'waiting', leaveStartedOn: daysAgo(10), certificateSentOn: null, subrogation: false });
  });

  it('refuses "still waiting" on a paid report with 409', async () => {
    const { receipt } = await create({ firstPaidOn: daysAgo(2) });
    const response = await testApp.http.patch('/api/my-report').set('X-Receipt', receipt).send({ stillWaiting: true }).expect(409);
    expectErrorShape(response.body, 409, 'CONFLICT');
  });

  it('answers 404 to an update or an erasure with an unknown receipt', async () => {
    await testApp.http.patch('/api/my-report').set('X-Receipt', 'ZZZZ-ZZZZ-ZZZZ-ZZZZ').send({ stillWaiting: true }).expect(404);
    await testApp.http.delete('/api/my-report').set('X-Receipt', 'ZZZZ-ZZZZ-ZZZZ-ZZZZ').expect(404);
  });

  it('erases the report for real, then answers 404', async () => {
    const { id, receipt } = await create();
    const other = await create();
    await testApp.http.delete('/api/my-report').set('X-Receipt', receipt).expect(204);
    expect(await testApp.db.query('SELECT id FROM reports WHERE id = $1', [id])).toEqual([]);
    await testApp.http.get('/api/my-report').set('X-Receipt', receipt).expect(404);
    await testApp.http.delete('/api/my-report').set('X-Receipt', receipt).expect(404);
    await testApp.http.get('/api/my-report').set('X-Receipt', other.receipt).expect(200);
  });
});
