import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { runPrepared } from '../src/database/prepared-statements';
import { intakeParameters, IntakeOutcome, IntakeParts, intakeStatement, IntakeValues } from '../src/reports/intake-statement';
import { daysAgo } from './report-factory';
import { startTestApp, TestApp } from './test-app';

// Every combination of controls, run on PostgreSQL: each must store the report once, and write
// nothing (not even the used challenge) when a control before it refused.
const ALL_PARTS: IntakeParts[] = Array.from({ length: 16 }, (_, bits) => ({
  rateLimit: (bits & 1) !== 0,
  proof: (bits & 2) !== 0,
  fingerprints: (bits & 4) !== 0,
  idempotency: (bits & 8) !== 0,
}));

describe('the intake statement: one round trip whatever the controls', () => {
  let testApp: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
  });
  afterAll(() => testApp.close());

  const hash = () => randomBytes(32);
  function values(reasons: string | null, limit = 10): IntakeValues {
    const id = randomUUID();
    return {
      report: [id, createHash('sha256').update(id).digest(), '751', 'maladie', daysAgo(30), null, daysAgo(2), false, [], daysAgo(0)],
      reasons,
      rateLimit: { addressHash: hash(), windowStart: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000), limit },
      proof: { challengeHash: hash(), expiresAt: new Date(Date.now() + 600_000) },
      fingerprints: { today: hash(), yesterday: hash() },
      idempotency: { keyHash: hash(), requestHash: hash(), response: randomBytes(64) },
    };
  }
  const run = (parts: IntakeParts, intake: IntakeValues) => runPrepared<IntakeOutcome>(dataSource, intakeStatement(parts), intakeParameters(parts, intake));
  const stored = async (intake: IntakeValues) =>
    (await testApp.db.query<{ moderation: string; moderation_reason: string | null }>('SELECT moderation, moderation_reason FROM reports WHERE id = $1', [intake.report[0]]))[0];

  const label = (parts: IntakeParts) => Object.entries(parts).filter(([, on]) => on).map(([part]) => part).join(' + ') || 'no control';
  it.each(ALL_PARTS.map((parts) => [label(parts), parts] as const))('stores the report once with its moderation: %s', async (_label, parts) => {
    const intake = values('paid over a year after the leave');
    const [outcome] = await run(parts, intake);
    const controlled = parts.rateLimit || parts.proof || parts.idempotency || parts.fingerprints;
    if (controlled) expect(outcome).toEqual({ count: parts.rateLimit ? 1 : null, proof_accepted: true, stored: true });
    else expect(outcome).toBeUndefined();
    expect(await stored(intake)).toEqual({ moderation: 'flagged', moderation_reason: 'automatic: paid over a year after the leave' });
    const clean = values(null);
    await run(parts, clean);
    expect(await stored(clean)).toEqual({ moderation: 'accepted', moderation_reason: null });
  });

  it('flags the same fingerprint sent again, adding to the reasons found before', async () => {
    const parts = { rateLimit: false, proof: false, fingerprints: true, idempotency: false };
    const first = values(null);
    await run(parts, first);
    const again = { ...values('waiting for over a year'), fingerprints: first.fingerprints };
    await run(parts, again);
    expect(await stored(first)).toEqual({ moderation: 'accepted', moderation_reason: null });
    expect(await stored(again)).toEqual({ moderation: 'flagged', moderation_reason: 'automatic: possible duplicate; waiting for over a year' });
  });

  it('writes nothing but the count past the limit, and nothing with a used challenge or a taken key', async () => {
    const parts = { rateLimit: true, proof: true, fingerprints: true, idempotency: true };
    const first = values(null, 1);
    expect((await run(parts, first))[0].stored).toBe(true);
    // Same sender, over its limit: no challenge used, no fingerprint, no key, no report.
    const overLimit = { ...values(null, 1), rateLimit: first.rateLimit };
    expect((await run(parts, overLimit))[0]).toEqual({ count: 2, proof_accepted: false, stored: false });
    const written = async (intake: IntakeValues) => ({
      report: (await stored(intake)) !== undefined,
      challenge: (await testApp.db.query('SELECT 1 FROM used_pow_challenges WHERE challenge_hash = $1', [intake.proof!.challengeHash])).length,
      fingerprint: (await testApp.db.query('SELECT 1 FROM report_fingerprints WHERE fingerprint = $1', [intake.fingerprints!.today])).length,
      key: (await testApp.db.query('SELECT 1 FROM idempotency_keys WHERE key_hash = $1', [intake.idempotency!.keyHash])).length,
    });
    expect(await written(overLimit)).toEqual({ report: false, challenge: 0, fingerprint: 0, key: 0 });
    // Another sender reusing the first challenge: refused before the fingerprint, key and report.
    const reusedProof = { ...values(null), proof: first.proof };
    expect((await run(parts, reusedProof))[0]).toEqual({ count: 1, proof_accepted: false, stored: false });
    expect(await written(reusedProof)).toEqual({ report: false, challenge: 1, fingerprint: 0, key: 0 });
    // A key already taken within 24 h: the challenge is spent, no second report.
    const takenKey = { ...values(null), idempotency: first.idempotency };
    expect((await run(parts, takenKey))[0]).toEqual({ count: 1, proof_accepted: true, stored: false });
    expect((await written(takenKey)).report).toBe(false);
  });
});
