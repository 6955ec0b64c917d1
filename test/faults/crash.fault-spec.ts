import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ServiceProcess, startService } from '../service-process';
import { createTestDatabase, TestDatabase } from '../test-database';
import { Attempt, postUntil, retryAll, sleep } from './load';

// SIGKILL: no drain, no clean shutdown. What got a 201 must be stored; retries with the same
// keys must leave exactly one report per key.
describe('the service killed during a burst of submissions', () => {
  let db: TestDatabase;
  let service: ServiceProcess;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(async () => {
    if (service.child.exitCode === null) service.child.kill('SIGKILL');
    await db.drop();
  });

  it('keeps every acknowledged report and no duplicate after retries', async () => {
    service = await startService({ DATABASE_URL: db.url });
    let killed = false;
    const load = postUntil(service.baseUrl, 16, () => killed, 'crash');
    await sleep(1_500);
    service.child.kill('SIGKILL');
    killed = true;
    await service.exited;
    const attempts: Attempt[] = await load;
    const acknowledged = attempts.filter((attempt) => attempt.status === 201);
    const unanswered = attempts.filter((attempt) => attempt.status !== 201);

    const stored = new Set((await db.query<{ id: string }>('SELECT id FROM reports')).map((row) => row.id));
    const missing = acknowledged.filter((attempt) => !stored.has(attempt.id as string));
    // Committed but never answered: the kill came between COMMIT and the answer.
    const storedWithoutAnswer = stored.size - acknowledged.length;
    process.stdout.write(
      `crash figures: ${JSON.stringify({ attempts: attempts.length, acknowledged: acknowledged.length, unanswered: unanswered.length, storedWithoutAnswer, missing: missing.length })}\n`,
    );
    expect(acknowledged.length).toBeGreaterThan(50);
    expect(unanswered.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);

    service = await startService({ DATABASE_URL: db.url });
    const retried = await retryAll(service.baseUrl, attempts);
    expect(retried.map((retry) => retry.status).filter((status) => status !== 201)).toEqual([]);
    // Acknowledged ones replay their original answer: the same id.
    const firstIds = new Map(acknowledged.map((attempt) => [attempt.key, attempt.id]));
    for (const retry of retried.filter((candidate) => firstIds.has(candidate.key))) expect(retry.id).toBe(firstIds.get(retry.key));
    const [{ reports, keys }] = await db.query<{ reports: number; keys: number }>(
      'SELECT (SELECT count(*)::int FROM reports) AS reports, (SELECT count(*)::int FROM idempotency_keys) AS keys',
    );
    expect(reports).toBe(attempts.length);
    expect(keys).toBe(attempts.length);
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  });
});
