import { createHmac, timingSafeEqual } from 'node:crypto';

/** The parts of a solved ALTCHA payload (altcha-lib v2) that verification reads. */
export interface AltchaPayload {
  challenge: { parameters: Record<string, unknown>; signature: string };
  solution: { counter?: unknown; derivedKey?: unknown };
}

export type AltchaVerdict = 'verified' | 'expired' | 'invalid';

const UINT32_MAX = 0xffffffff;
const LOWERCASE_HEX_BYTES = /^(?:[0-9a-f]{2})+$/;

/**
 * altcha-lib v2's `verifySolution` for the challenges this service issues (deterministic, with a
 * key signature), on node:crypto. The same checks in the same order: expiry, the signature of the
 * canonical parameters, the solution's shape, then the key signature. altcha-lib runs each HMAC
 * through Web Crypto (a key import and two thread-pool jobs), which under load cost more than the
 * rest of a report's intake together (docs/performance.md); here each HMAC is a few microseconds.
 * test/altcha-verification.spec.ts checks both agree on valid and tampered payloads.
 */
export function verifyAltcha(payload: AltchaPayload, secrets: { signature: string; keySignature: string }, nowMs = Date.now()): AltchaVerdict {
  const { parameters, signature } = payload.challenge;
  const expiresAt = parameters.expiresAt;
  if (typeof expiresAt === 'number' && expiresAt !== 0 && expiresAt < nowMs / 1000) return 'expired';
  if (!sameHex(signature, hmacHex(secrets.signature, canonicalJson(parameters)))) return 'invalid';
  const { counter, derivedKey } = payload.solution;
  if (typeof derivedKey !== 'string' || !LOWERCASE_HEX_BYTES.test(derivedKey)) return 'invalid';
  if (typeof counter !== 'number' || !Number.isInteger(counter) || counter < 0 || counter > UINT32_MAX) return 'invalid';
  // Our challenges always carry a key signature: without one there is nothing cheap to check.
  const keySignature = parameters.keySignature;
  if (typeof keySignature !== 'string') return 'invalid';
  return sameHex(keySignature, hmacHex(secrets.keySignature, Buffer.from(derivedKey, 'hex'))) ? 'verified' : 'invalid';
}

function hmacHex(key: string, data: string | Buffer): string {
  return createHmac('sha256', key).update(data).digest('hex');
}

function sameHex(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** JSON with object keys sorted at every depth and undefined members left out, as altcha-lib signs it. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const members = Object.entries(value as Record<string, unknown>).filter(([, member]) => member !== undefined);
  members.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(members.map(([key, member]) => [key, sortKeys(member)]));
}
