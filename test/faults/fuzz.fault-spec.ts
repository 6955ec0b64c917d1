import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { reportBody } from '../report-factory';
import { DATABASE_FINGERPRINT, RequestFuzzer, runFuzz } from '../request-fuzzer';
import { startTestApp, TestApp } from '../test-app';

const SEEDS = [1, 2, 3, 4];
const REQUESTS_PER_SEED = 5_000;

// The bigger version of test/fuzz.e2e.spec.ts: 20,000 generated bad requests over four seeds.
describe('fuzzing every endpoint at length', () => {
  let testApp: TestApp;
  let receipt: string;
  let http: TestAgent;
  beforeAll(async () => {
    testApp = await startTestApp();
    // One listening socket for the whole run (supertest would listen and close once per request).
    await testApp.app.listen(0, '127.0.0.1');
    http = request(await testApp.app.getUrl());
    receipt = (await testApp.http.post('/api/reports').send(reportBody()).expect(201)).body.receipt;
  });
  afterAll(async () => testApp.close());

  it.each(SEEDS)('seed %i: only the expected 4xx (or 200), in the error shape, database unchanged', async (seed) => {
    const before = await testApp.db.query(DATABASE_FINGERPRINT);
    const started = Date.now();
    const outcome = await runFuzz(http, new RequestFuzzer(seed, receipt), REQUESTS_PER_SEED);
    process.stdout.write(`fuzz seed ${seed}: ${outcome.sent} requests in ${Date.now() - started} ms, by status ${JSON.stringify(outcome.byStatus)}\n`);
    expect(outcome.problems.slice(0, 5)).toEqual([]);
    expect(await testApp.db.query(DATABASE_FINGERPRINT)).toEqual(before);
  });
});
