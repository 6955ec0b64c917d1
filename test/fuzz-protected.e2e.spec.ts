import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Challenge } from 'altcha-lib';
import { solveAltcha } from '../src/abuse/pow-solver';
import { reportBody } from './report-factory';
import { expectFuzzLeavesNoTrace } from './request-fuzzer';
import { startTestApp, TestApp } from './test-app';

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const REQUESTS = 1_000;

// The same fuzz with the abuse protection on (limits high enough not to refuse): the proof of
// work, the rate-limit guard and the signals add no 5xx, no shape violation and store nothing.
describe('fuzzing every endpoint with proof of work, rate limits and signals on', () => {
  let testApp: TestApp;
  let receipt: string;
  beforeAll(async () => {
    testApp = await startTestApp({
      POW_REQUIRED: 'true',
      POW_COST: '1',
      POW_MAX_COUNTER: '30',
      MODERATION_SIGNALS: 'true',
      RATE_LIMIT_ENABLED: 'true',
      RATE_LIMIT_REPORTS_PER_HOUR: '1000000',
      RATE_LIMIT_READS_PER_HOUR: '1000000',
    });
    const challenge = (await testApp.http.get('/api/pow-challenge').expect(200)).body as Challenge;
    const created = await testApp.http
      .post('/api/reports')
      .set('Idempotency-Key', 'fuzz-seed-report')
      .send(reportBody({ consequences: ['borrowed'], altcha: await solveAltcha(challenge) }))
      .expect(201);
    receipt = created.body.receipt;
  });
  afterAll(async () => testApp.close());

  it(`answers ${REQUESTS} generated bad requests (seed ${SEED}) with 4xx in the error shape, and stores nothing`, async () => {
    await expectFuzzLeavesNoTrace(testApp, SEED, receipt, REQUESTS);
  });
});
