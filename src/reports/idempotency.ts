import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';
import { takeRandomBytes } from '../common/random-pool';

const IV_LENGTH = 12;
const TAG_LENGTH = 16;

/** What the server keeps of an Idempotency-Key: a lookup hash, and a key only the client can rebuild. */
export interface IdempotencySecrets {
  lookupHash: Buffer;
  encryptionKey: Buffer;
}

// One SHA-512 gives both halves: the first finds the row, the second (never stored) seals it.
export function deriveIdempotencySecrets(idempotencyKey: string): IdempotencySecrets {
  const digest = createHash('sha512').update(`idempotency:${idempotencyKey}`).digest();
  return { lookupHash: digest.subarray(0, 32), encryptionKey: digest.subarray(32) };
}

/** A keyed fingerprint of the request body, independent of the order of its fields. */
export function fingerprintRequest(secrets: IdempotencySecrets, body: unknown): Buffer {
  return createHmac('sha256', secrets.encryptionKey).update(canonicalJson(body)).digest();
}

// The stored answer holds the receipt: it is kept encrypted (AES-256-GCM) under a key derived
// from the Idempotency-Key, which the server does not keep.
export function sealResponse(secrets: IdempotencySecrets, response: unknown): Buffer {
  const iv = takeRandomBytes(IV_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', secrets.encryptionKey, iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(response), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

export function openResponse<T>(secrets: IdempotencySecrets, stored: Buffer): T {
  const decipher = createDecipheriv('aes-256-gcm', secrets.encryptionKey, stored.subarray(0, IV_LENGTH));
  decipher.setAuthTag(stored.subarray(IV_LENGTH, IV_LENGTH + TAG_LENGTH));
  const plain = Buffer.concat([decipher.update(stored.subarray(IV_LENGTH + TAG_LENGTH)), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as T;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
