import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { daysAgo, reportBody } from './report-factory';
import { startTestApp, TestApp } from './test-app';

// report_facts is what every statistic reads: which reports count, and each one's durations.
describe('report_facts view', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await startTestApp()));
  afterAll(async () => testApp.close());

  it('gives paid reports an event duration, waiting ones a censored one, and leaves out subrogated and moderated reports', async () => {
    const post = async (overrides: Record<string, unknown>) =>
      (await testApp.http.post('/api/reports').send(reportBody(overrides)).expect(201)).body.id as string;
    const paid = await post({ leaveStartedOn: daysAgo(50), certificateSentOn: daysAgo(40), firstPaidOn: daysAgo(10), consequences: ['overdraft'] });
    const waiting = await post({ leaveStartedOn: daysAgo(20), certificateSentOn: daysAgo(15) });
    const noAttestation = await post({ leaveStartedOn: daysAgo(30), firstPaidOn: daysAgo(30) });
    await post({ subrogation: true });
    const excluded = await post({});
    const flagged = await post({});
    await testApp.db.query(`UPDATE reports SET moderation = 'excluded' WHERE id = $1`, [excluded]);
    await testApp.db.query(`UPDATE reports SET moderation = 'flagged' WHERE id = $1`, [flagged]);

    const facts = await testApp.db.query<Record<string, unknown>>(
      'SELECT id, leave_month, duration_days, paid, fund_duration_days, consequences FROM report_facts',
    );
    const byId = new Map(facts.map((fact) => [fact.id, fact]));
    expect(facts).toHaveLength(3);
    expect(byId.get(paid)).toMatchObject({
      duration_days: 40,
      paid: true,
      fund_duration_days: 30,
      consequences: ['overdraft'],
      leave_month: `${daysAgo(50).slice(0, 7)}-01`,
    });
    expect(byId.get(waiting)).toMatchObject({ duration_days: 20, paid: false, fund_duration_days: 15 });
    expect(byId.get(noAttestation)).toMatchObject({ duration_days: 0, paid: true, fund_duration_days: null });
  });
});
