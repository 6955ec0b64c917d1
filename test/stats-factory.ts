import { randomBytes, randomUUID } from 'node:crypto';
import { addDays } from '../src/config/paris-date';
import { seededRandom } from './seeded-random';
import type { TestDatabase } from './test-database';

// The tests that build reports take the one date helper from here too.
export { addDays };

/** A report row for direct insertion (bulk test data); dates 'YYYY-MM-DD'. */
export interface ReportRow {
  /** fixed when a test needs the same ids (hence the same change-sketch buckets) on every run */
  id?: string;
  caisse: string;
  kind?: string;
  leave: string;
  certificate?: string | null;
  paid?: string | null;
  statusAsOf: string;
  subrogation?: boolean;
  consequences?: string[];
  moderation?: 'accepted' | 'flagged' | 'excluded';
}

/** Inserts reports with multi-row INSERTs (fast for thousands); returns their ids in order. */
export async function insertReports(db: TestDatabase, reports: ReportRow[]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < reports.length; start += 1000) {
    const batch = reports.slice(start, start + 1000);
    const values: unknown[] = [];
    const tuples = batch.map((report) => {
      const id = report.id ?? randomUUID();
      ids.push(id);
      values.push(
        id,
        randomBytes(32),
        report.caisse,
        report.kind ?? 'maladie',
        report.leave,
        report.certificate ?? null,
        report.paid ?? null,
        report.subrogation ?? false,
        report.consequences ?? [],
        report.statusAsOf,
        report.moderation ?? 'accepted',
      );
      const base = values.length - 11;
      return `(${Array.from({ length: 11 }, (_, index) => `$${base + index + 1}`).join(', ')})`;
    });
    await db.query(
      `INSERT INTO reports (id, receipt_hash, caisse_code, allowance_kind, leave_started_on, certificate_sent_on, first_paid_on,
                            subrogation, consequences, status_as_of, moderation) VALUES ${tuples.join(', ')}`,
      values,
    );
  }
  return ids;
}

/** `count` identical reports of one fund, paid after `delay` days (null: still waiting at statusAsOf). */
export function sameReports(count: number, caisse: string, delay: number | null, overrides: Partial<ReportRow> = {}): ReportRow[] {
  const leave = overrides.leave ?? '2025-03-10';
  return Array.from({ length: count }, () => ({
    caisse,
    leave,
    paid: delay === null ? null : addDays(leave, delay),
    statusAsOf: delay === null ? addDays(leave, 60) : addDays(leave, delay),
    ...overrides,
  }));
}

/**
 * The rows with ids from their own seeded source. A release's noise is keyed by the reports it
 * holds and by the server's noise secret: with fixed ids and `fixNoiseSecret`, every run publishes
 * the same figures.
 */
export function withSeededIds(rows: ReportRow[], seed: number): ReportRow[] {
  const random = seededRandom(seed);
  return rows.map((row) => ({ ...row, id: seededUuid(random) }));
}

/** A version-4-shaped UUID from a seeded random source. */
export function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** The first day of a quarter ('2026-Q3' → '2026-07-01'). */
export function firstDayOfQuarter(quarter: string): string {
  return `${quarter.slice(0, 4)}-${String((Number(quarter.slice(-1)) - 1) * 3 + 1).padStart(2, '0')}-01`;
}

/**
 * `count` reports of a fund with leaves spread over a quarter, paid after `scale` × (0.5 to 1.5)
 * days; with `waitingShare`, that share is still waiting at half its delay (censored).
 */
export function reportsInQuarter(random: () => number, caisse: string, quarter: string, count: number, scale: number, waitingShare = 0): ReportRow[] {
  return Array.from({ length: count }, () => {
    const leave = addDays(firstDayOfQuarter(quarter), Math.floor(random() * 85));
    const delay = Math.round(scale * (0.5 + random()));
    // Drawn only when asked for, so the reports of a given seed stay the same without it.
    const waiting = waitingShare > 0 && random() < waitingShare;
    return { caisse, leave, paid: waiting ? null : addDays(leave, delay), statusAsOf: addDays(leave, waiting ? Math.floor(delay / 2) : delay) };
  });
}

/** A fixed noise secret, before the first refresh creates a random one (see withSeededIds). */
export async function fixNoiseSecret(db: TestDatabase): Promise<void> {
  await db.query(`INSERT INTO server_secrets (name, secret) VALUES ('stats-noise', sha256('tests'::bytea))`);
}
