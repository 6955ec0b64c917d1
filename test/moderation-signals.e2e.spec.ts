import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ReportScreeningService } from '../src/abuse/report-screening.service';
import { previousDay } from '../src/abuse/server-secrets.service';
import { parisToday } from '../src/config/paris-date';
import { createToken, TestToken } from './access-tokens';
import { daysAgo, reportBody } from './report-factory';
import { startTestApp, TestApp } from './test-app';

describe('moderation signals: likely duplicates and implausible reports are flagged for review', () => {
  let testApp: TestApp;
  let admin: TestToken;

  const from = (address: string) => ({ 'X-Forwarded-For': address });
  const post = (body: Record<string, unknown>, address: string) => testApp.http.post('/api/reports').set(from(address)).send(body).expect(201);
  const moderationOf = async (id: string) =>
    (
      await testApp.db.query<{ moderation: string; moderation_reason: string | null }>('SELECT moderation, moderation_reason FROM reports WHERE id = $1', [id])
    )[0];
  const inFacts = async (id: string) => (await testApp.db.query('SELECT 1 FROM report_facts WHERE id = $1', [id])).length === 1;

  beforeAll(async () => {
    testApp = await startTestApp({ MODERATION_SIGNALS: 'true', TRUST_PROXY: 'true' });
    admin = await createToken(testApp, 'admin');
  });
  afterAll(() => testApp.close());
  beforeEach(() => testApp.db.query('DELETE FROM report_fingerprints'));

  // The fingerprint is of the content alone: with the day's key, one of (address + content) told
  // which address sent which report (docs/privacy.md).
  it('flags the same content sent again, from any address, and not other content', async () => {
    const body = reportBody({ leaveStartedOn: daysAgo(41), firstPaidOn: daysAgo(3), certificateSentOn: daysAgo(38) });
    const first = await post(body, '203.0.113.5');
    const again = await post(body, '203.0.113.5');
    const elsewhere = await post(body, '203.0.113.6');
    const otherDates = await post({ ...body, firstPaidOn: daysAgo(2) }, '203.0.113.5');
    expect(await moderationOf(first.body.id)).toEqual({ moderation: 'accepted', moderation_reason: null });
    expect(await moderationOf(again.body.id)).toEqual({ moderation: 'flagged', moderation_reason: 'automatic: possible duplicate' });
    expect(await moderationOf(elsewhere.body.id)).toEqual({ moderation: 'flagged', moderation_reason: 'automatic: possible duplicate' });
    expect((await moderationOf(otherDates.body.id)).moderation).toBe('accepted');
    // The person gets the same answer either way: nothing tells a bot it was caught.
    expect(Object.keys(again.body).sort()).toEqual(Object.keys(first.body).sort());
    expect(again.body.receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await inFacts(again.body.id)).toBe(false);
  });

  it('accepts exactly one of five identical reports sent at the same time from one address', async () => {
    const body = reportBody({ leaveStartedOn: daysAgo(47), firstPaidOn: daysAgo(7) });
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(body, '203.0.113.12')));
    const states: string[] = [];
    for (const answer of answers) states.push((await moderationOf(answer.body.id)).moderation);
    expect(states.sort()).toEqual(['accepted', 'flagged', 'flagged', 'flagged', 'flagged']);
  });

  it('finds a duplicate across Paris midnight through yesterday’s key', async () => {
    const body = reportBody({ leaveStartedOn: daysAgo(33) });
    const fingerprint = await testApp.app.get(ReportScreeningService).fingerprintOn(body as never, previousDay(parisToday()));
    await testApp.db.query(`INSERT INTO report_fingerprints (fingerprint, seen_at) VALUES ($1, utc_hour(now()) - interval '2 hours')`, [fingerprint]);
    const again = await post(body, '203.0.113.7');
    expect((await moderationOf(again.body.id)).moderation).toBe('flagged');
  });

  it('keeps no report id and no address in the fingerprints table', async () => {
    await post(reportBody({ leaveStartedOn: daysAgo(35) }), '203.0.113.8');
    const columns = await testApp.db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'report_fingerprints' ORDER BY 1`,
    );
    expect(columns.map((column) => column.column_name)).toEqual(['fingerprint', 'seen_at']);
    const rows = await testApp.db.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM report_fingerprints t`);
    expect(rows).toHaveLength(1);
    expect(rows[0].row).not.toContain('203.0.113.8');
  });

  it('flags a payment before the employer attestation and delays over a year', async () => {
    const paidBeforeAttestation = await post(
      reportBody({ leaveStartedOn: daysAgo(60), certificateSentOn: daysAgo(20), firstPaidOn: daysAgo(30) }),
      '203.0.113.9',
    );
    const paidAfterMoreThanAYear = await post(reportBody({ leaveStartedOn: daysAgo(400), firstPaidOn: daysAgo(20) }), '203.0.113.9');
    const waitingForMoreThanAYear = await post(reportBody({ leaveStartedOn: daysAgo(370) }), '203.0.113.9');
    const ordinary = await post(reportBody({ leaveStartedOn: daysAgo(60), certificateSentOn: daysAgo(55), firstPaidOn: daysAgo(30) }), '203.0.113.9');
    expect(await moderationOf(paidBeforeAttestation.body.id)).toEqual({
      moderation: 'flagged',
      moderation_reason: 'automatic: paid before the employer attestation',
    });
    expect(await moderationOf(paidAfterMoreThanAYear.body.id)).toEqual({
      moderation: 'flagged',
      moderation_reason: 'automatic: paid over a year after the leave',
    });
    expect(await moderationOf(waitingForMoreThanAYear.body.id)).toEqual({ moderation: 'flagged', moderation_reason: 'automatic: waiting for over a year' });
    expect((await moderationOf(ordinary.body.id)).moderation).toBe('accepted');
  });

  it('flags an accepted report that a change makes implausible, with the same answer, and leaves a flagged one to the admin', async () => {
    const sent = await post(reportBody({ leaveStartedOn: daysAgo(60), certificateSentOn: daysAgo(20) }), '203.0.113.11');
    expect((await moderationOf(sent.body.id)).moderation).toBe('accepted');
    const patch = (changes: Record<string, unknown>, receipt: string) =>
      testApp.http.patch('/api/my-report').set('X-Receipt', receipt).send(changes).expect(200);
    const plausible = await patch({ firstPaidOn: daysAgo(10) }, sent.body.receipt);
    expect((await moderationOf(sent.body.id)).moderation).toBe('accepted');
    const implausible = await patch({ firstPaidOn: daysAgo(30) }, sent.body.receipt);
    expect(Object.keys(implausible.body).sort()).toEqual(Object.keys(plausible.body).sort());
    expect(await moderationOf(sent.body.id)).toEqual({
      moderation: 'flagged',
      moderation_reason: 'automatic, after a change: paid before the employer attestation',
    });
    expect(await inFacts(sent.body.id)).toBe(false);
    // Corrected afterwards: still flagged, the admin decides.
    await patch({ firstPaidOn: daysAgo(10) }, sent.body.receipt);
    expect((await moderationOf(sent.body.id)).moderation).toBe('flagged');
    // An excluded report is not brought back to "flagged" by a change.
    const excluded = await post(reportBody({ leaveStartedOn: daysAgo(60), certificateSentOn: daysAgo(20) }), '203.0.113.12');
    await testApp.db.query(`UPDATE reports SET moderation = 'excluded', moderation_reason = 'admin' WHERE id = $1`, [excluded.body.id]);
    await patch({ firstPaidOn: daysAgo(30) }, excluded.body.receipt);
    expect(await moderationOf(excluded.body.id)).toEqual({ moderation: 'excluded', moderation_reason: 'admin' });
  });

  it('lists flagged reports for admins, who keep one with restore (it then counts)', async () => {
    const flagged = await post(reportBody({ leaveStartedOn: daysAgo(500), firstPaidOn: daysAgo(10) }), '203.0.113.10');
    const listed = await testApp.http.get('/api/admin/reports?moderation=flagged').set('Authorization', admin.bearer).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(flagged.body.id);
    expect(await inFacts(flagged.body.id)).toBe(false);
    await testApp.http.post(`/api/admin/reports/${flagged.body.id}/restore`).set('Authorization', admin.bearer).expect(200);
    expect(await moderationOf(flagged.body.id)).toEqual({ moderation: 'accepted', moderation_reason: null });
    expect(await inFacts(flagged.body.id)).toBe(true);
  });

  it('does not look for duplicates in reports typed by a union office with its token', async () => {
    const union = await createToken(testApp, 'union');
    const body = reportBody({ leaveStartedOn: daysAgo(45) });
    const ids: string[] = [];
    for (let index = 0; index < 2; index++) {
      ids.push((await testApp.http.post('/api/reports').set(from('203.0.113.11')).set('Authorization', union.bearer).send(body).expect(201)).body.id);
    }
    for (const id of ids) expect((await moderationOf(id)).moderation).toBe('accepted');
  });

  it('flags, but accepts, a report sent from /signaler without JavaScript when proof of work is required', async () => {
    const withProofOfWork = await startTestApp({ POW_REQUIRED: 'true', MODERATION_SIGNALS: 'false' });
    try {
      const form = `caisseCode=751&allowanceKind=maladie&leaveStartedOn=${daysAgo(25)}&paymentStatus=waiting&consent=oui`;
      const page = await withProofOfWork.http.post('/signaler').set('Accept', 'text/html').type('form').send(form).expect(200);
      expect(page.text).toContain('id="recu"');
      const rows = await withProofOfWork.db.query('SELECT moderation, moderation_reason FROM reports');
      expect(rows).toEqual([{ moderation: 'flagged', moderation_reason: 'automatic: sent without proof of work' }]);
      // A broken solution is an error on the form, in French, not a silent flag.
      const refused = await withProofOfWork.http.post('/signaler').set('Accept', 'text/html').type('form').send(`${form}&altcha=bm90IGpzb24%3D`).expect(400);
      expect(refused.text).toContain('La vérification anti-robot n’a pas abouti');
      expect(await withProofOfWork.db.query('SELECT 1 FROM reports')).toHaveLength(1);
    } finally {
      await withProofOfWork.close();
    }
  });
});
