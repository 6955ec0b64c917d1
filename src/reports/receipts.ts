import { createHash } from 'node:crypto';
import { takeRandomBytes } from '../common/random-pool';

// Crockford's base32: no I, L, O or U, so a receipt read aloud or copied by hand survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RECEIPT_LENGTH = 16; // 16 symbols × 5 bits = 80 random bits
const NORMALISED = new RegExp(`^[${ALPHABET}]{${RECEIPT_LENGTH}}$`);

/** A new receipt such as `K7QF-9XWD-M2PA-83TN`, from 80 random bits. */
export function generateReceipt(): string {
  const bytes = takeRandomBytes(10);
  let symbols = '';
  // Two halves of 40 bits, each exact in a double: 8 symbols of 5 bits (no BigInt on the hot path).
  for (const offset of [0, 5]) {
    let half = bytes.readUIntBE(offset, 5);
    let chunk = '';
    for (let index = 0; index < 8; index++) {
      chunk = ALPHABET[half % 32] + chunk;
      half = Math.floor(half / 32);
    }
    symbols += chunk;
  }
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}-${symbols.slice(12)}`;
}

/** Upper-cases, drops spaces and dashes, reads O as 0 and I/L as 1; undefined if not a receipt. */
export function normaliseReceipt(input: string): string | undefined {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return NORMALISED.test(cleaned) ? cleaned : undefined;
}

/** The stored form: 80 random bits need no slow hash, a SHA-256 is enough. */
export function hashReceipt(normalisedReceipt: string): Buffer {
  return createHash('sha256').update(`receipt:${normalisedReceipt}`).digest();
}
