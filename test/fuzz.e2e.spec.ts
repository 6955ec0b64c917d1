import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expectErrorShape } from './error-shape';
import { reportBody } from './report-factory';
import { expectFuzzLeavesNoTrace } from './request-fuzzer';
import { startTestApp, TestApp } from './test-app';

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const REQUESTS = 1_500;

// Generated bad bodies, headers and query strings against every endpoint: only the expected
// 4xx (or 200 where the request is valid), always in the error shape, and the database unchanged.
describe('fuzzing every endpoint', () => {
  let testApp: TestApp;
  let receipt: string;
  beforeAll(async () => {
    testApp = await startTestApp();
    const created = await testApp.http
      .post('/api/reports')
      .set('Idempotency-Key', 'fuzz-seed-report')
      .send(reportBody({ consequences: ['borrowed'] }))
      .expect(201);
    receipt = created.body.receipt;
  });
  afterAll(async () => testApp.close());

  it(`answers ${REQUESTS} generated bad requests (seed ${SEED}) with 4xx in the error shape, and stores nothing`, async () => {
    await expectFuzzLeavesNoTrace(testApp, SEED, receipt, REQUESTS);
  });

  // Found by this fuzz: class-validator's whitelist let these through silently.
  it('refuses `constructor` and `prototype` as unknown fields', async () => {
    const body = `{"caisseCode":"751","allowanceKind":"maladie","leaveStartedOn":"2026-01-05","consent":true,"constructor":1,"prototype":{}}`;
    const refused = await testApp.http.post('/api/reports').set('Content-Type', 'application/json').send(body).expect(400);
    expectErrorShape(refused.body, 400, 'VALIDATION_FAILED', ['constructor', 'prototype']);
    const update = await testApp.http.patch('/api/my-report').set('X-Receipt', receipt).send({ constructor: false }).expect(400);
    expectErrorShape(update.body, 400, 'VALIDATION_FAILED', ['constructor']);
  });
});
