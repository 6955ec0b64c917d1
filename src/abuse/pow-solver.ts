import { solveChallenge } from 'altcha-lib';
import type { Challenge, DeriveKeyFunction } from 'altcha-lib';
import { pbkdf2Sync } from 'node:crypto';

// Synchronous PBKDF2: with a low POW_COST each attempt is a few microseconds, and the thread-pool
// round trip of the async version would cost more than the work itself.
const deriveKeySync: DeriveKeyFunction = async (parameters, salt, password) => ({
  derivedKey: pbkdf2Sync(password, salt, parameters.cost, parameters.keyLength, 'sha256'),
});

/** Solves one challenge as the widget does; returns the `altcha` field value. */
export async function solveAltcha(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey: deriveKeySync, timeout: 60_000 });
  if (!solution) throw new Error('ALTCHA challenge not solved within 60 s');
  return Buffer.from(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution })).toString('base64');
}

/**
 * For load tests and scripts: fetches `count` challenges from a running server and solves them,
 * returning `altcha` field values to send with POST /api/reports (each usable once, for 10 minutes).
 * Run the server with a low cost (POW_COST=1, POW_MAX_COUNTER=30) to prepare thousands quickly.
 */
export async function solveChallenges(baseUrl: string, count: number, concurrency = 8): Promise<string[]> {
  const solved: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const response = await fetch(new URL('/api/pow-challenge', baseUrl));
      if (!response.ok) throw new Error(`GET /api/pow-challenge answered ${response.status}`);
      solved[index] = await solveAltcha((await response.json()) as Challenge);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return solved;
}
