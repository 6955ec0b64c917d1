import { createHash, randomBytes } from 'node:crypto';

// A recognisable prefix lets secret scanners and people spot a leaked token; 32 random bytes
// (256 bits) in base64url follow it.
export const TOKEN_PREFIX = 'dij_';
const TOKEN_FORMAT = /^dij_[A-Za-z0-9_-]{43}$/;
// Anything that starts like one of our tokens, even truncated or mistyped.
const PLAUSIBLE_TOKEN = /dij_[A-Za-z0-9_-]{16,}/;

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** The stored form: 256 random bits need no slow hash, a SHA-256 is enough. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function isTokenShaped(value: string): boolean {
  return TOKEN_FORMAT.test(value);
}

export function looksLikeToken(value: string): boolean {
  return PLAUSIBLE_TOKEN.test(value);
}
