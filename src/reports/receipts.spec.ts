import { describe, expect, it } from '@jest/globals';
import { generateReceipt, hashReceipt, normaliseReceipt } from './receipts';

describe('receipts', () => {
  it('are four groups of four Crockford base32 symbols, i.e. 80 random bits', () => {
    const receipt = generateReceipt();
    expect(receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(Math.log2(32 ** 16)).toBe(80);
  });

  it('use every symbol in every position over many draws (no stuck bits)', () => {
    const seen = Array.from({ length: 16 }, () => new Set<string>());
    for (let draw = 0; draw < 3000; draw++) {
      [...generateReceipt().replace(/-/g, '')].forEach((symbol, position) => seen[position].add(symbol));
    }
    for (const symbols of seen) expect(symbols.size).toBe(32);
  });

  it('read back what people type: case, spaces, dashes, O for 0 and I or L for 1', () => {
    expect(normaliseReceipt('k7qf-9xwd-m2pa-83tn')).toBe('K7QF9XWDM2PA83TN');
    expect(normaliseReceipt(' K7QF 9XWD M2PA 83TN ')).toBe('K7QF9XWDM2PA83TN');
    expect(normaliseReceipt('O1IL-0000-0000-0000')).toBe('0111000000000000');
  });

  it('refuse what cannot be a receipt', () => {
    for (const input of ['', 'K7QF-9XWD-M2PA', 'K7QF-9XWD-M2PA-83TNX', 'K7QF-9XWD-M2PA-83U!', '1 84 12 75 108 237 42']) {
      expect(normaliseReceipt(input)).toBeUndefined();
    }
  });

  it('are stored as a 32-byte hash that differs from receipt to receipt', () => {
    const hash = hashReceipt('K7QF9XWDM2PA83TN');
    expect(hash).toHaveLength(32);
    expect(hash.equals(hashReceipt('K7QF9XWDM2PA83TN'))).toBe(true);
    expect(hash.equals(hashReceipt('K7QF9XWDM2PA83TP'))).toBe(false);
  });
});
