import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { bookkeepingParameters, BookkeepingOutcome, BookkeepingParts, bookkeepingStatement, BookkeepingValues } from '../src/abuse/intake-bookkeeping';
import { runPrepared } from '../src/database/prepared-statements';
import { intakeParameters, IntakeOutcome, intakeStatement, IntakeValues } from '../src/reports/intake-statement';
import { reportInsertValues } from '../src/reports/report-columns';
import { daysAgo } from './report-factory';
import { startTestApp, TestApp } from './test-app';

// Every combination of controls, run on PostgreSQL: the bookkeeping writes only what the controls
// before each part allowed, and the report's statement stores it once.
const ALL_PARTS: BookkeepingParts[] = [
  { proof: true, fingerprints: false },
  { proof: false, fingerprints: true },
  { proof: true, fingerprints: true },
];

describe('the intake statements: the abuse bookkeeping, then the report', () => {
  let testApp: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
  });
  afterAll(() => testApp.close());

  const hash = () => randomBytes(32);
  function bookkeeping(): BookkeepingValues {
    return {
      proof: { challengeHash: hash(), expiresAt: new Date(Date.now() + 600_000) },
      fingerprints: { today: hash(), yesterday: hash() },
    };
  }
  function report(reasons: string | null, idempotent = false): IntakeValues {
    const id = randomUUID();
    return {
      report: reportInsertValues({
        id,
        receiptHash: createHash('sha256').update(id).digest(),
        caisseCode: '751',
        allowanceKind: 'maladie',
        leaveStartedOn: daysAgo(30),
        certificateSentOn: null,
        firstPaidOn: daysAgo(2),
        subrogation: false,
        consequences: [],
        statusAsOf: daysAgo(0),
        noticeVersion: null,
      }),
      reasons,
      idempotency: idempotent ? { keyHash: hash(), requestHash: hash(), response: randomBytes(64) } : undefined,
    };
  }
  const record = async (parts: BookkeepingParts, values: BookkeepingValues) =>
    (await runPrepared<BookkeepingOutcome>(dataSource, bookkeepingStatement(parts)!, bookkeepingParameters(parts, values)))[0];
  const store = (values: IntakeValues) => runPrepared<IntakeOutcome>(dataSource, intakeStatement(values.idempotency !== undefined), intakeParameters(values));
  const stored = async (values: IntakeValues) =>
    (
      await testApp.db.query<{ moderation: string; moderation_reason: string | null }>('SELECT moderation, moderation_reason FROM reports WHERE id = $1', [
        values.report[0],
      ])
    )[0];
  const written = async (values: BookkeepingValues) => ({
    challenge: (await testApp.db.query('SELECT 1 FROM used_pow_challenges WHERE challenge_hash = $1', [values.proof!.challengeHash])).length,
    fingerprint: (await testApp.db.query('SELECT 1 FROM report_fingerprints WHERE fingerprint = $1', [values.fingerprints!.today])).length,
  });

  const label = (parts: BookkeepingParts) =>
    Object.entries(parts)
      .filter(([, on]) => on)
      .map(([part]) => part)
      .join(' + ');
  it.each(ALL_PARTS.map((parts) => [label(parts), parts] as const))('records the controls and lets the report in: %s', async (_label, parts) => {
    const values = bookkeeping();
    expect(await record(parts, values)).toEqual({ proof_accepted: true, duplicate: false });
    expect(await written(values)).toEqual({ challenge: Number(parts.proof), fingerprint: Number(parts.fingerprints) });
  });

  it.each([false, true])('stores the report once with its moderation (idempotency claim: %s)', async (idempotent) => {
    const flagged = report('paid over a year after the leave', idempotent);
    const [outcome] = await store(flagged);
    expect(outcome).toEqual(idempotent ? { stored: true } : undefined);
    expect(await stored(flagged)).toEqual({ moderation: 'flagged', moderation_reason: 'automatic: paid over a year after the leave' });
    const clean = report(null, idempotent);
    await store(clean);
    expect(await stored(clean)).toEqual({ moderation: 'accepted', moderation_reason: null });
    // A key already taken within 24 h: no second report.
    if (idempotent) {
      const again = { ...report(null), idempotency: clean.idempotency };
      expect(await store(again)).toEqual([{ stored: false }]);
      expect(await stored(again)).toBeUndefined();
    }
  });

  it('says when the same fingerprint was seen, today or under yesterday’s key', async () => {
    const parts = { proof: false, fingerprints: true };
    const first = bookkeeping();
    expect((await record(parts, first)).duplicate).toBe(false);
    expect((await record(parts, { ...bookkeeping(), fingerprints: first.fingerprints })).duplicate).toBe(true);
    expect((await record(parts, { ...bookkeeping(), fingerprints: { today: hash(), yesterday: first.fingerprints!.today } })).duplicate).toBe(true);
  });

  // Past the rate limit nothing but the count is written: test/rate-limit.e2e.spec.ts.
  it('writes no fingerprint with a used challenge', async () => {
    const parts = { proof: true, fingerprints: true };
    const first = bookkeeping();
    expect((await record(parts, first)).proof_accepted).toBe(true);
    // Another sender reusing the first challenge: refused before the fingerprint.
    const reusedProof = { ...bookkeeping(), proof: first.proof };
    expect(await record(parts, reusedProof)).toEqual({ proof_accepted: false, duplicate: false });
    expect(await written(reusedProof)).toEqual({ challenge: 1, fingerprint: 0 });
  });
});
