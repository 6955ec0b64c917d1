import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createToken, TestToken } from './access-tokens';
import { expectErrorShape } from './error-shape';
import { daysAgo, reportBody } from './report-factory';
import { startTestApp, TestApp } from './test-app';

const CSV_HEADER = ['caisseCode', 'allowanceKind', 'leaveStartedOn', 'certificateSentOn', 'firstPaidOn', 'subrogation', 'consequences', 'consent'];

describe('POST /api/reports/bulk', () => {
  let testApp: TestApp;
  let union: TestToken;
  beforeAll(async () => {
    testApp = await startTestApp();
    union = await createToken(testApp, 'union', 'UD FO 75');
  });
  afterAll(async () => testApp.close());
  beforeEach(async () => {
    await testApp.db.query('DELETE FROM audit_log');
    await testApp.db.query('DELETE FROM reports');
  });

  const countReports = async () => (await testApp.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports'))[0].n;
  const postJson = (body: unknown) =>
    testApp.http
      .post('/api/reports/bulk')
      .set('Authorization', union.bearer)
      .set('Content-Type', 'application/json')
      .send(body as object);
  const postCsv = (text: string) =>
    testApp.http.post('/api/reports/bulk').set('Authorization', union.bearer).set('Content-Type', 'text/csv; charset=utf-8').send(text);
  const myReport = (receipt: string) => testApp.http.get('/api/my-report').set('X-Receipt', receipt).expect(200);

  it('stores a JSON array and answers ids and receipts in row order', async () => {
    const rows = [
      reportBody({ leaveStartedOn: daysAgo(50) }),
      reportBody({ caisseCode: '131', allowanceKind: 'maternite', leaveStartedOn: daysAgo(40), firstPaidOn: daysAgo(10), consequences: ['overdraft'] }),
      reportBody({ leaveStartedOn: daysAgo(30), subrogation: true }),
    ];
    const { body } = await postJson(rows).expect(201);
    expect(body.created).toBe(3);
    expect(body.reports).toHaveLength(3);
    for (const [index, created] of (body.reports as { id: string; receipt: string }[]).entries()) {
      const stored = (await myReport(created.receipt)).body;
      expect(stored.id).toBe(created.id);
      expect(stored.leaveStartedOn).toBe(rows[index].leaveStartedOn);
    }
    expect((await myReport(body.reports[1].receipt)).body).toMatchObject({ caisseCode: '131', status: 'paid', delayDays: 30, consequences: ['overdraft'] });
    expect(await countReports()).toBe(3);
    const audit = await testApp.db.query('SELECT organisation, action, query, row_count FROM audit_log');
    expect(audit).toEqual([{ organisation: 'UD FO 75', action: 'reports.bulk', query: { format: 'json' }, row_count: 3 }]);
  });

  it.each([
    ['`;` with a BOM and CRLF', ';', '\uFEFF', '\r\n'],
    ['`,` without a BOM', ',', '', '\n'],
  ])('stores CSV separated by %s', async (_case, separator, bom, newline) => {
    const lines = [
      CSV_HEADER.join(separator),
      ['751', 'maladie', daysAgo(60), '', '', '', '', 'oui'].join(separator),
      ['011', 'accident_travail', daysAgo(45), daysAgo(44), daysAgo(5), 'non', 'overdraft|unpaid_bills', 'true'].join(separator),
    ];
    const { body } = await postCsv(bom + lines.join(newline) + newline).expect(201);
    expect(body.created).toBe(2);
    expect((await myReport(body.reports[0].receipt)).body).toMatchObject({ caisseCode: '751', status: 'waiting', certificateSentOn: null, subrogation: false });
    expect((await myReport(body.reports[1].receipt)).body).toMatchObject({
      caisseCode: '011',
      allowanceKind: 'accident_travail',
      certificateSentOn: daysAgo(44),
      delayDays: 40,
      consequences: ['overdraft', 'unpaid_bills'],
    });
    const [entry] = await testApp.db.query('SELECT query, row_count FROM audit_log');
    expect(entry).toEqual({ query: { format: 'csv' }, row_count: 2 });
  });

  it('stores nothing when one row is wrong, and names every wrong field by row index', async () => {
    const rows = [
      reportBody(),
      reportBody({ leaveStartedOn: daysAgo(-3) }),
      reportBody({ caisseCode: '999', consent: false }),
      reportBody({ name: 'Dupont' }),
      'not an object',
    ];
    const { body } = await postJson(rows).expect(400);
    expectErrorShape(body, 400, 'VALIDATION_FAILED', ['[1].leaveStartedOn', '[2].caisseCode', '[2].consent', '[3].name', '[4]']);
    expect(await countReports()).toBe(0);
    expect(await testApp.db.query('SELECT * FROM audit_log')).toEqual([]);
  });

  it('lists the first 200 errors of a body with more, and says how many there are', async () => {
    const rows = Array.from({ length: 300 }, () => reportBody({ consent: false }));
    const { body } = await postJson(rows).expect(400);
    expect(body.details).toHaveLength(200);
    expect(body.details[199]).toEqual({ field: '[199].consent', message: expect.any(String) });
    expect(body.message).toMatch(/300 errors/);
  });

  it('names CSV errors by data row index (0 = the line after the header)', async () => {
    const text = `caisseCode;allowanceKind;leaveStartedOn;consent\n751;maladie;${daysAgo(10)};oui\n751;grippe;${daysAgo(10)};peut-être\n`;
    expectErrorShape((await postCsv(text).expect(400)).body, 400, 'VALIDATION_FAILED', ['[1].allowanceKind', '[1].consent']);
    expect(await countReports()).toBe(0);
  });

  it('takes 1000 rows (a body over the global 64 KiB) and refuses 1001', async () => {
    const rows = Array.from({ length: 1000 }, (_, index) => reportBody({ leaveStartedOn: daysAgo(20 + (index % 300)) }));
    expect(JSON.stringify(rows).length).toBeGreaterThan(64 * 1024);
    expect((await postJson(rows).expect(201)).body.reports).toHaveLength(1000);
    expect(await countReports()).toBe(1000);
    expectErrorShape((await postJson([...rows, reportBody()]).expect(400)).body, 400, 'VALIDATION_FAILED', ['body']);
    expect(await countReports()).toBe(1000);
  });

  it.each([
    ['an object', reportBody()],
    ['an empty array', []],
    ['a JSON string holding CSV', JSON.stringify('caisseCode;allowanceKind;leaveStartedOn;consent\n751;maladie;2026-01-05;oui')],
  ])('refuses %s with 400 on body', async (_case, body) => {
    expectErrorShape((await postJson(body).expect(400)).body, 400, 'VALIDATION_FAILED', ['body']);
  });

  it('answers 413 over 2 MiB, while the other routes keep their 64 KiB limit', async () => {
    const huge = Array.from({ length: 900 }, () => reportBody({ padding: 'x'.repeat(2400) }));
    expect(JSON.stringify(huge).length).toBeGreaterThan(2 * 1024 * 1024);
    expectErrorShape((await postJson(huge).expect(413)).body, 413, 'PAYLOAD_TOO_LARGE');
    const overGlobal = reportBody({ padding: 'x'.repeat(70 * 1024) });
    expectErrorShape((await testApp.http.post('/api/reports').send(overGlobal).expect(413)).body, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers 401 to a client without a Bearer token before reading its body, whatever its size', async () => {
    const huge = Array.from({ length: 900 }, () => reportBody({ padding: 'x'.repeat(2400) }));
    for (const body of [[reportBody()], huge]) {
      const response = await testApp.http.post('/api/reports/bulk').set('Content-Type', 'application/json').send(body).expect(401);
      expectErrorShape(response.body, 401, 'UNAUTHORIZED');
      expect(response.headers['www-authenticate']).toBe('Bearer realm="delais-ij"');
    }
    expect(await countReports()).toBe(0);
  });

  it('accepts text/csv on this route only: elsewhere it stays 415', async () => {
    const csv = `caisseCode;allowanceKind;leaveStartedOn;consent\n751;maladie;${daysAgo(10)};oui\n`;
    const elsewhere = await testApp.http.post('/api/reports').set('Content-Type', 'text/csv').send(csv).expect(415);
    expectErrorShape(elsewhere.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
    await testApp.http.post('/api/reports/bulk').set('Authorization', union.bearer).set('Content-Type', 'text/plain').send(csv).expect(415);
    expect(await countReports()).toBe(0);
  });
});
