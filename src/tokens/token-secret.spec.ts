import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { generateToken, hashToken, isTokenShaped, looksLikeToken } from './token-secret';

describe('access token secrets', () => {
  it('are a prefix and 32 random bytes in base64url (256 bits)', () => {
    const token = generateToken();
    expect(token).toMatch(/^dij_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(32);
    expect(isTokenShaped(token)).toBe(true);
  });

  it('differ from draw to draw', () => {
    const tokens = new Set(Array.from({ length: 500 }, generateToken));
    expect(tokens.size).toBe(500);
  });

  it('are stored as their SHA-256', () => {
    const token = generateToken();
    expect(hashToken(token).equals(createHash('sha256').update(token).digest())).toBe(true);
    expect(hashToken(token)).toHaveLength(32);
  });

  it('tell a plausible token (even truncated) from ordinary query values', () => {
    expect(looksLikeToken('dij_abcdefghijklmnop')).toBe(true);
    expect(looksLikeToken(`prefix ${generateToken()}`)).toBe(true);
    for (const value of ['caisse', '2026-Q3', 'dij_short', '751']) expect(looksLikeToken(value)).toBe(false);
    expect(isTokenShaped('dij_abcdefghijklmnop')).toBe(false);
  });
});
