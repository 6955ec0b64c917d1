import { describe, expect, it } from '@jest/globals';
import { bookkeepingParameters, bookkeepingStatement } from '../abuse/intake-bookkeeping';
import { COUNT_REQUEST } from '../abuse/rate-limit.service';
import { intakeParameters, intakeStatement } from './intake-statement';
import { REPORT_COLUMN_COUNT, REPORT_COLUMNS } from './report-columns';

// Every combination of the abuse controls and of an Idempotency-Key: the rate-limit count, the
// bookkeeping statement (none without a proof or a fingerprint) and the report's own statement,
// each its own transaction, in that order.
const ALL_PARTS = Array.from({ length: 16 }, (_, bits) => ({
  rateLimit: (bits & 1) !== 0,
  proof: (bits & 2) !== 0,
  fingerprints: (bits & 4) !== 0,
  idempotency: (bits & 8) !== 0,
}));
const label = (parts: Record<string, boolean>) =>
  Object.entries(parts)
    .filter(([, on]) => on)
    .map(([part]) => part)
    .join(' + ') || 'no control';

const bookkeepingValues = {
  proof: { challengeHash: Buffer.alloc(32), expiresAt: new Date(0) },
  fingerprints: { today: Buffer.alloc(32), yesterday: Buffer.alloc(32) },
};
const claim = { keyHash: Buffer.alloc(32), requestHash: Buffer.alloc(32), response: Buffer.alloc(8) };

// Highest $n of a statement: its parameter count when every number from 1 is used.
const parameterNumbers = (text: string) => [...new Set([...text.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])))].sort((a, b) => a - b);

describe('the intake statements', () => {
  it('are the 16 reviewed statements (a change shows in the snapshot diff)', () => {
    const generated = Object.fromEntries(
      ALL_PARTS.map((parts) => [
        label(parts),
        {
          count: parts.rateLimit ? COUNT_REQUEST.text : null,
          bookkeeping: bookkeepingStatement(parts)?.text ?? null,
          report: intakeStatement(parts.idempotency).text,
        },
      ]),
    );
    expect(generated).toMatchSnapshot();
  });

  it.each(ALL_PARTS.map((parts) => [label(parts), parts] as const))('number their parameters 1..n as their value arrays do: %s', (_label, parts) => {
    expect(parameterNumbers(COUNT_REQUEST.text)).toEqual([1, 2, 3]);
    const bookkeeping = bookkeepingStatement(parts);
    if (bookkeeping) {
      const count = bookkeepingParameters(parts, bookkeepingValues).length;
      expect(parameterNumbers(bookkeeping.text)).toEqual(Array.from({ length: count }, (_, index) => index + 1));
    }
    const report = Array.from({ length: REPORT_COLUMN_COUNT }, () => null);
    const values = intakeParameters({ report, reasons: null, idempotency: parts.idempotency ? claim : undefined });
    expect(parameterNumbers(intakeStatement(parts.idempotency).text)).toEqual(Array.from({ length: values.length }, (_, index) => index + 1));
  });

  it('insert every column of the column table', () => {
    for (const idempotent of [false, true]) expect(intakeStatement(idempotent).text).toContain(`INSERT INTO reports (${REPORT_COLUMNS}, `);
  });
});
