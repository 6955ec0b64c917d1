import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AuditService } from '../src/audit/audit.service';
import { deriveIdempotencySecrets } from '../src/reports/idempotency';
import { RetentionService } from '../src/retention/retention.service';
import { createToken } from './access-tokens';
import { expectErrorShape } from './error-shape';
import { PRIVACY_NOTICE_VERSION } from '../src/reports/privacy-notice';
import { daysAgo, reportBody } from './report-factory';
import { startTestApp, TestApp } from './test-app';

const run = promisify(execFile);
const FACTS = `SELECT * FROM report_facts ORDER BY id`;

describe('retention and coarsening', () => {
  let testApp: TestApp;
  let purge: RetentionService;
  beforeAll(async () => {
    testApp = await startTestApp();
    purge = testApp.app.get(RetentionService);
  });
  afterAll(async () => testApp.close());

  const post = async (overrides: Record<string, unknown>) =>
    (await testApp.http.post('/api/reports').send(reportBody(overrides)).expect(201)).body as { id: string; receipt: string };

  it('coarsens settled reports only, and report_facts yields exactly the same facts before and after', async () => {
    const paidLongAgo = await post({
      leaveStartedOn: daysAgo(130),
      certificateSentOn: daysAgo(110),
      firstPaidOn: daysAgo(70),
      consequences: ['overdraft', 'borrowed'],
    });
    const oldWaiting = await post({ leaveStartedOn: daysAgo(400), certificateSentOn: daysAgo(395) });
    const oldPaidNoAttestation = await post({ leaveStartedOn: daysAgo(500), firstPaidOn: daysAgo(480), allowanceKind: 'accident_travail', caisseCode: '131' });
    const recentPaid = await post({ leaveStartedOn: daysAgo(50), certificateSentOn: daysAgo(40), firstPaidOn: daysAgo(10) });
    const recentWaiting = await post({ leaveStartedOn: daysAgo(200) });
    const subrogated = await post({ leaveStartedOn: daysAgo(450), subrogation: true });
    const flagged = await post({ leaveStartedOn: daysAgo(420), firstPaidOn: daysAgo(300) });
    await testApp.db.query(`UPDATE reports SET moderation = 'flagged' WHERE id = $1`, [flagged.id]);
    // A certificate sent after the first payment: the fund's part is floored at 0 in both forms.
    const lateAttestation = await post({ leaveStartedOn: daysAgo(300), certificateSentOn: daysAgo(100), firstPaidOn: daysAgo(90) });

    const factsBefore = await testApp.db.query(FACTS);
    const aggregatesBefore = await testApp.db.query(AGGREGATES);
    const dryRun = await purge.purge({ dryRun: true });
    expect(dryRun).toEqual({
      ran: true,
      dryRun: true,
      coarsenedReports: 6,
      deletedReports: 0,
      deletedIdempotencyKeys: 0,
      deletedAbuseRows: 0,
      deletedAuditEntries: 0,
    });
    expect(await testApp.db.query(`SELECT count(*)::int AS n FROM reports WHERE coarsened`)).toEqual([{ n: 0 }]);

    expect(await purge.purge()).toEqual({
      ran: true,
      dryRun: false,
      coarsenedReports: 6,
      deletedReports: 0,
      deletedIdempotencyKeys: 0,
      deletedAbuseRows: 0,
      deletedAuditEntries: 0,
    });
    expect(await testApp.db.query(FACTS)).toEqual(factsBefore);
    expect(await testApp.db.query(AGGREGATES)).toEqual(aggregatesBefore);

    const rows = await testApp.db.query<{
      id: string;
      coarsened: boolean;
      leave_started_on: string | null;
      first_paid_on: string | null;
      status_as_of: string | null;
    }>(`SELECT id, coarsened, leave_started_on, first_paid_on, status_as_of FROM reports`);
    const coarsened = rows
      .filter((row) => row.coarsened)
      .map((row) => row.id)
      .sort();
    expect(coarsened).toEqual([paidLongAgo, oldWaiting, oldPaidNoAttestation, subrogated, flagged, lateAttestation].map((report) => report.id).sort());
    for (const row of rows.filter((candidate) => candidate.coarsened)) {
      expect([row.leave_started_on, row.first_paid_on, row.status_as_of]).toEqual([null, null, null]);
    }
    expect(
      rows
        .filter((row) => !row.coarsened)
        .map((row) => row.id)
        .sort(),
    ).toEqual([recentPaid.id, recentWaiting.id].sort());
    // Nothing left to do: a second run changes nothing.
    expect((await purge.purge()).coarsenedReports).toBe(0);
  });

  it('answers GET /api/my-report on a coarsened report with the month and the delay, refuses PATCH with 409, allows DELETE', async () => {
    const settled = await post({ leaveStartedOn: '2025-03-17', firstPaidOn: '2025-04-20', consequences: ['none'] });
    await purge.purge();
    const mine = await testApp.http.get('/api/my-report').set('X-Receipt', settled.receipt).expect(200);
    expect(mine.headers['cache-control']).toBe('no-store');
    expect(mine.body).toEqual({
      id: settled.id,
      caisseCode: '751',
      allowanceKind: 'maladie',
      coarsened: true,
      leaveMonth: '2025-03',
      leaveStartedOn: null,
      certificateSentOn: null,
      firstPaidOn: null,
      subrogation: false,
      consequences: ['none'],
      status: 'paid',
      statusAsOf: null,
      delayDays: 34,
      waitingDays: null,
      noticeVersion: PRIVACY_NOTICE_VERSION,
    });
    const patch = await testApp.http.patch('/api/my-report').set('X-Receipt', settled.receipt).send({ subrogation: true }).expect(409);
    expectErrorShape(patch.body, 409, 'CONFLICT');
    await testApp.http.delete('/api/my-report').set('X-Receipt', settled.receipt).expect(204);
    await testApp.http.get('/api/my-report').set('X-Receipt', settled.receipt).expect(404);
  });

  it('deletes reports past RETENTION_MONTHS and idempotency keys older than 24 h', async () => {
    const tooOld = await post({ leaveStartedOn: daysAgo(37 * 31), firstPaidOn: daysAgo(37 * 31 - 20) });
    const coarsenedTooOld = await post({ leaveStartedOn: daysAgo(36 * 31 - 40), firstPaidOn: daysAgo(36 * 31 - 60) });
    // A report past retention is deleted, not coarsened: the dry run counts it once.
    expect(await purge.purge({ dryRun: true })).toMatchObject({ coarsenedReports: 1, deletedReports: 1 });
    expect(await purge.purge()).toMatchObject({ coarsenedReports: 1, deletedReports: 1 });
    // Now coarsened; make its month fall past the limit as time goes by.
    await testApp.db.query(`UPDATE reports SET coarse_leave_month = coarse_leave_month - interval '3 months' WHERE id = $1`, [coarsenedTooOld.id]);
    await testApp.http.post('/api/reports').set('Idempotency-Key', 'retention-old-key').send(reportBody()).expect(201);
    await testApp.http.post('/api/reports').set('Idempotency-Key', 'retention-fresh-key').send(reportBody()).expect(201);
    await testApp.db.query(`UPDATE idempotency_keys SET created_at = utc_hour(now()) - interval '25 hours' WHERE key_hash = $1`, [
      deriveIdempotencySecrets('retention-old-key').lookupHash,
    ]);

    const result = await purge.purge();
    expect(result).toMatchObject({ ran: true, deletedReports: 1, deletedIdempotencyKeys: 1 });
    const remaining = (await testApp.db.query<{ id: string }>(`SELECT id FROM reports`)).map((row) => row.id);
    expect(remaining).not.toContain(tooOld.id);
    expect(remaining).not.toContain(coarsenedTooOld.id);
    expect(await testApp.db.query(`SELECT count(*)::int AS n FROM idempotency_keys`)).toEqual([{ n: 1 }]);
  });

  it('deletes audit entries older than AUDIT_RETENTION_MONTHS (12 by default), keeps the others', async () => {
    const admin = await createToken(testApp, 'admin');
    const audit = testApp.app.get(AuditService);
    for (const action of ['exports.stats.csv', 'reports.exclude', 'exports.cube.xlsx']) {
      await audit.record({ token: { id: admin.id, organisation: 'Test admin', role: 'admin' }, action, query: {}, rowCount: null });
    }
    await testApp.db.query(`UPDATE audit_log SET created_at = now() - interval '13 months' WHERE action = 'exports.stats.csv'`);
    await testApp.db.query(`UPDATE audit_log SET created_at = now() - interval '11 months' WHERE action = 'reports.exclude'`);

    expect(await purge.purge({ dryRun: true })).toMatchObject({ deletedAuditEntries: 1 });
    expect(await testApp.db.query(`SELECT count(*)::int AS n FROM audit_log`)).toEqual([{ n: 3 }]);
    expect(await purge.purge()).toMatchObject({ ran: true, deletedAuditEntries: 1 });
    const kept = await testApp.db.query<{ action: string }>(`SELECT action FROM audit_log ORDER BY action`);
    expect(kept.map((row) => row.action)).toEqual(['exports.cube.xlsx', 'reports.exclude']);
  });

  it('lets one instance purge at a time', async () => {
    await testApp.db.query('BEGIN');
    await testApp.db.query('SELECT pg_advisory_xact_lock(7240101)');
    try {
      expect(await purge.purge()).toEqual({
        ran: false,
        dryRun: false,
        coarsenedReports: 0,
        deletedReports: 0,
        deletedIdempotencyKeys: 0,
        deletedAbuseRows: 0,
        deletedAuditEntries: 0,
      });
    } finally {
      await testApp.db.query('COMMIT');
    }
  });

  it('runs from the command line: purge --dry-run says what it would do, purge does it', async () => {
    await post({ leaveStartedOn: daysAgo(600) });
    const cli = (args: string[]) =>
      run(process.execPath, [join(__dirname, '..', 'dist', 'cli', 'cli.js'), ...args], { env: { ...process.env, DATABASE_URL: testApp.db.url } });
    const dry = await cli(['purge', '--dry-run']);
    expect(dry.stdout).toBe(
      'would coarsen 1 settled reports\nwould delete 0 reports past retention\nwould delete 0 expired idempotency keys\n' +
        'would delete 0 expired rate-limit, challenge, fingerprint and address-key rows\n' +
        'would delete 0 audit entries past AUDIT_RETENTION_MONTHS\n',
    );
    const done = await cli(['purge']);
    expect(done.stdout).toContain('coarsened 1 settled reports\n');
    await expect(cli(['purge', '--now'])).rejects.toMatchObject({ code: 2 });
  });
});

// What a statistic would take from the facts, per fund and kind: counts, durations, shares.
const AGGREGATES = `
  SELECT caisse_code, allowance_kind, leave_month, count(*)::int AS reports, count(*) FILTER (WHERE paid)::int AS paid,
         sum(duration_days)::int AS total_days, sum(fund_duration_days)::int AS fund_days,
         array_agg(duration_days ORDER BY duration_days) AS durations
  FROM report_facts GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
