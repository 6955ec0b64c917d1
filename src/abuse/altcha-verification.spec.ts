import { describe, expect, it } from '@jest/globals';
import { createChallenge, verifySolution } from 'altcha-lib';
import type { Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { randomBytes } from 'node:crypto';
import { AltchaPayload, verifyAltcha } from './altcha-verification';
import { solveAltcha } from './pow-solver';
import { altchaHmacSecrets, POW_ALGORITHM } from './proof-of-work.service';

const secrets = altchaHmacSecrets(randomBytes(32));
const otherSecrets = altchaHmacSecrets(randomBytes(32));

async function issued(expiresInSeconds = 600, keys = secrets): Promise<Challenge> {
  return createChallenge({
    algorithm: POW_ALGORITHM,
    cost: 1,
    counter: 7,
    deriveKey,
    expiresAt: Math.floor(Date.now() / 1000) + expiresInSeconds,
    hmacSignatureSecret: keys.signature,
    hmacKeySignatureSecret: keys.keySignature,
  });
}

async function solved(challenge: Challenge): Promise<AltchaPayload> {
  return JSON.parse(Buffer.from(await solveAltcha(challenge), 'base64').toString('utf8')) as AltchaPayload;
}

// What altcha-lib itself says of the same payload, in our three words.
async function referenceVerdict(payload: AltchaPayload): Promise<string> {
  const result = await verifySolution({
    challenge: payload.challenge as unknown as Challenge,
    solution: payload.solution as never,
    deriveKey,
    hmacSignatureSecret: secrets.signature,
    hmacKeySignatureSecret: secrets.keySignature,
  }).catch(() => undefined);
  if (!result) return 'invalid';
  if (result.expired) return 'expired';
  return result.verified ? 'verified' : 'invalid';
}

describe('verifyAltcha agrees with altcha-lib verifySolution', () => {
  it('on valid, expired, foreign and tampered payloads', async () => {
    const valid = await solved(await issued());
    const tamper = (change: (payload: AltchaPayload) => void): AltchaPayload => {
      const copy = JSON.parse(JSON.stringify(valid)) as AltchaPayload;
      change(copy);
      return copy;
    };
    const cases: [string, AltchaPayload, string][] = [
      ['valid', valid, 'verified'],
      ['expired', await solved(await issued(-5)), 'expired'],
      ['signed with another key', await solved(await issued(600, otherSecrets)), 'invalid'],
      ['cost lowered', tamper((payload) => (payload.challenge.parameters.cost = 0)), 'invalid'],
      ['expiry pushed back', tamper((payload) => (payload.challenge.parameters.expiresAt = Number(payload.challenge.parameters.expiresAt) + 3600)), 'invalid'],
      ['extra parameter', tamper((payload) => (payload.challenge.parameters.extra = 1)), 'invalid'],
      [
        'signature altered',
        tamper((payload) => (payload.challenge.signature = payload.challenge.signature.replace(/^./, (c) => (c === '0' ? '1' : '0')))),
        'invalid',
      ],
      ['signature upper-cased', tamper((payload) => (payload.challenge.signature = payload.challenge.signature.toUpperCase())), 'invalid'],
      ['wrong derived key', tamper((payload) => (payload.solution.derivedKey = '00'.repeat(32))), 'invalid'],
      ['derived key upper-cased', tamper((payload) => (payload.solution.derivedKey = String(payload.solution.derivedKey).toUpperCase())), 'invalid'],
      ['derived key odd length', tamper((payload) => (payload.solution.derivedKey = String(payload.solution.derivedKey).slice(1))), 'invalid'],
      ['counter a string', tamper((payload) => (payload.solution.counter = '7')), 'invalid'],
      ['counter negative', tamper((payload) => (payload.solution.counter = -1)), 'invalid'],
      ['counter fractional', tamper((payload) => (payload.solution.counter = 7.5)), 'invalid'],
      ['counter over 32 bits', tamper((payload) => (payload.solution.counter = 2 ** 32)), 'invalid'],
      ['key signature removed', tamper((payload) => delete payload.challenge.parameters.keySignature), 'invalid'],
    ];
    for (const [name, payload, expected] of cases) {
      expect({ name, verdict: verifyAltcha(payload, secrets) }).toEqual({ name, verdict: expected });
      expect({ name, reference: await referenceVerdict(payload) }).toEqual({ name, reference: expected });
    }
  });

  it('on many freshly issued and solved challenges', async () => {
    for (let index = 0; index < 20; index++) {
      const payload = await solved(await issued());
      expect(verifyAltcha(payload, secrets)).toBe('verified');
      expect(await referenceVerdict(payload)).toBe('verified');
    }
  });
});
