import { describe, expect, it } from '@jest/globals';
import { deriveIdempotencySecrets, fingerprintRequest, openResponse, sealResponse } from './idempotency';

describe('idempotency secrets', () => {
  const secrets = deriveIdempotencySecrets('client-key-123');

  it('seal the stored answer so that only the same key opens it', () => {
    const answer = { id: 'abc', receipt: 'K7QF-9XWD-M2PA-83TN' };
    const sealed = sealResponse(secrets, answer);
    expect(sealed.toString('latin1')).not.toContain('K7QF');
    expect(openResponse(deriveIdempotencySecrets('client-key-123'), sealed)).toEqual(answer);
    expect(() => openResponse(deriveIdempotencySecrets('another-key'), sealed)).toThrow();
  });

  it('fingerprint a body independently of field order, and tell bodies apart', () => {
    const fingerprint = fingerprintRequest(secrets, { a: 1, b: [1, 2], c: { d: null } });
    expect(fingerprint.equals(fingerprintRequest(secrets, { c: { d: null }, b: [1, 2], a: 1 }))).toBe(true);
    expect(fingerprint.equals(fingerprintRequest(secrets, { a: 1, b: [2, 1], c: { d: null } }))).toBe(false);
    expect(fingerprint.equals(fingerprintRequest(deriveIdempotencySecrets('other'), { a: 1, b: [1, 2], c: { d: null } }))).toBe(false);
  });

  it('look a key up by a hash that is not the encryption key', () => {
    expect(secrets.lookupHash.equals(secrets.encryptionKey)).toBe(false);
    expect(secrets.lookupHash.toString('latin1')).not.toContain('client-key-123');
  });
});
