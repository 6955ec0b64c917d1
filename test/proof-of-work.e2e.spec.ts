import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createChallenge } from 'altcha-lib';
import type { Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { solveAltcha } from '../src/abuse/pow-solver';
import { altchaHmacSecrets, CHALLENGE_LIFETIME_SECONDS, POW_ALGORITHM } from '../src/abuse/proof-of-work.service';
import { createToken } from './access-tokens';
import { expectErrorShape } from './error-shape';
import { reportBody } from './report-factory';
import { startTestApp, TestApp } from './test-app';

// A low cost keeps each solve to a few milliseconds; the rules are the same at any cost.
const POW_SECRET = 'test-proof-of-work-secret-of-at-least-32-characters';
const POW_ENVIRONMENT = { POW_REQUIRED: 'true', POW_COST: '1', POW_MAX_COUNTER: '30', POW_SECRET };

describe('proof of work on anonymous intake', () => {
  let testApp: TestApp;

  async function solved(): Promise<string> {
    const response = await testApp.http.get('/api/pow-challenge').expect(200);
    return solveAltcha(response.body as Challenge);
  }

  const post = (body: Record<string, unknown>, headers: Record<string, string> = {}) => testApp.http.post('/api/reports').set(headers).send(body);

  const reportCount = async () => (await testApp.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports'))[0].n;

  beforeAll(async () => {
    testApp = await startTestApp(POW_ENVIRONMENT);
  });
  afterAll(() => testApp.close());

  it('issues signed, expiring PBKDF2 challenges that no cache keeps', async () => {
    const response = await testApp.http.get('/api/pow-challenge').expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const challenge = response.body as Challenge;
    expect(challenge.parameters).toMatchObject({ algorithm: POW_ALGORITHM, cost: 1, keyLength: 32 });
    expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(challenge.parameters.keySignature).toMatch(/^[0-9a-f]{64}$/);
    const lifetime = (challenge.parameters.expiresAt as number) - Date.now() / 1000;
    expect(lifetime).toBeGreaterThan(CHALLENGE_LIFETIME_SECONDS - 5);
    expect(lifetime).toBeLessThanOrEqual(CHALLENGE_LIFETIME_SECONDS);
  });

  it('accepts a solved challenge and stores nothing of it in the report', async () => {
    const altcha = await solved();
    const response = await post(reportBody({ altcha })).expect(201);
    expect(response.body).not.toHaveProperty('altcha');
    const [row] = await testApp.db.query<Record<string, unknown>>('SELECT * FROM reports WHERE id = $1', [response.body.id]);
    expect(row.moderation).toBe('accepted');
    expect(JSON.stringify(row)).not.toContain(altcha.slice(0, 40));
    expect(await testApp.db.query('SELECT 1 FROM used_pow_challenges')).toHaveLength(1);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not base64 JSON', 'bm90IGpzb24='],
    ['without a solution', Buffer.from(JSON.stringify({ challenge: { parameters: {}, signature: 'x' } })).toString('base64')],
    ['too long', 'A'.repeat(5_000)],
  ])('refuses the altcha field when %s, with 400 naming `altcha`', async (_case, altcha) => {
    const before = await reportCount();
    const response = await post(reportBody(altcha === undefined ? {} : { altcha })).expect(400);
    expectErrorShape(response.body, 400, 'VALIDATION_FAILED', ['altcha']);
    expect(await reportCount()).toBe(before);
  });

  // Deterministic mode: the derived key is the proof (checked against the signed key signature).
  it("refuses another challenge's solution, a forged key and altered parameters", async () => {
    const decode = (altcha: string) => JSON.parse(Buffer.from(altcha, 'base64').toString('utf8'));
    const encode = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64');
    const borrowed = decode(await solved());
    borrowed.solution = decode(await solved()).solution;
    const forgedKey = decode(await solved());
    forgedKey.solution.derivedKey = 'ab'.repeat(32);
    const cheaper = decode(await solved());
    cheaper.challenge.parameters.keyPrefix = '00';
    for (const payload of [borrowed, forgedKey, cheaper]) {
      const response = await post(reportBody({ altcha: encode(payload) })).expect(400);
      expectErrorShape(response.body, 400, 'VALIDATION_FAILED', ['altcha']);
      expect(response.body.details[0].message).toBe('is not a valid solution');
    }
  });

  it('refuses an expired challenge, even correctly signed and solved', async () => {
    const secrets = altchaHmacSecrets(Buffer.from(POW_SECRET, 'utf8'));
    const challenge = await createChallenge({
      algorithm: POW_ALGORITHM,
      cost: 1,
      counter: 5,
      deriveKey,
      expiresAt: Math.floor(Date.now() / 1000) - 1,
      hmacSignatureSecret: secrets.signature,
      hmacKeySignatureSecret: secrets.keySignature,
    });
    const response = await post(reportBody({ altcha: await solveAltcha(challenge) })).expect(400);
    expectErrorShape(response.body, 400, 'VALIDATION_FAILED', ['altcha']);
    expect(response.body.details[0].message).toMatch(/expired/);
  });

  it('accepts each solution once (sequential replay)', async () => {
    const altcha = await solved();
    await post(reportBody({ altcha })).expect(201);
    const replay = await post(reportBody({ altcha, leaveStartedOn: '2026-01-05' })).expect(400);
    expectErrorShape(replay.body, 400, 'VALIDATION_FAILED', ['altcha']);
    expect(replay.body.details[0].message).toMatch(/already been used/);
  });

  it('lets exactly one of 12 concurrent requests with the same solution through', async () => {
    const altcha = await solved();
    const before = await reportCount();
    const answers = await Promise.all(Array.from({ length: 12 }, () => post(reportBody({ altcha }))));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, ...Array(11).fill(400)]);
    expect(await reportCount()).toBe(before + 1);
  });

  it('lets union and admin tokens through without a proof of work', async () => {
    for (const role of ['union', 'admin'] as const) {
      const token = await createToken(testApp, role);
      await post(reportBody(), { Authorization: token.bearer }).expect(201);
    }
  });

  it('replays an idempotent retry whether it carries the used solution or a fresh one', async () => {
    const key = `pow-retry-${Date.now()}`;
    const first = await solved();
    const original = await post(reportBody({ altcha: first }), { 'Idempotency-Key': key }).expect(201);
    const sameSolution = await post(reportBody({ altcha: first }), { 'Idempotency-Key': key }).expect(201);
    const freshSolution = await post(reportBody({ altcha: await solved() }), { 'Idempotency-Key': key }).expect(201);
    for (const retry of [sameSolution, freshSolution]) expect(retry.body).toEqual(original.body);
    expect(await testApp.db.query('SELECT 1 FROM reports WHERE id = $1', [original.body.id])).toHaveLength(1);
    // The used solution under another key is a replay, not a retry.
    const otherKey = await post(reportBody({ altcha: first }), { 'Idempotency-Key': `${key}-other` }).expect(400);
    expectErrorShape(otherKey.body, 400, 'VALIDATION_FAILED', ['altcha']);
    // The same key with another body is still a mismatch.
    await post(reportBody({ altcha: await solved(), leaveStartedOn: '2026-01-06' }), { 'Idempotency-Key': key }).expect(422);
  });
});
