import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { EnvironmentVariables } from '../config/env';
import { parisToday } from '../config/paris-date';
import { allowLongStatements } from '../database/data-source-options';
import { DUPLICATE_WINDOW } from '../abuse/intake-bookkeeping';
import { LIVE_IDEMPOTENCY_KEY } from '../reports/intake-statement';

// One purge at a time across every instance: the others skip their turn.
const PURGE_LOCK_KEY = 7_240_101;
const PURGE_STATEMENT_TIMEOUT_MS = 10 * 60_000;

/** Settled: paid more than 60 days ago, or a leave that started over 12 months ago. */
const SETTLED = `NOT coarsened AND (first_paid_on < $1::date - 60 OR leave_started_on < $1::date - interval '12 months')`;
// Exact rows go on the day their leave passes the retention limit; coarsened ones, whose day is
// unknown, once their whole month has.
const PAST_RETENTION = `
  (NOT coarsened AND leave_started_on < $1::date - make_interval(months => $2))
  OR (coarsened AND coarse_leave_month + interval '1 month' <= $1::date - make_interval(months => $2))`;
const EXPIRED_IDEMPOTENCY_KEYS = `NOT (${LIVE_IDEMPOTENCY_KEY})`;
// An organisation's exports and the moderation decisions stay answerable for AUDIT_RETENTION_MONTHS.
const EXPIRED_AUDIT_ENTRIES = `created_at < now() - make_interval(months => $1)`;
// Abuse-protection state (docs/privacy.md): nothing kept past 48 h, most of it much sooner.
const EXPIRED_ABUSE_ROWS: [table: string, where: string, params: 'today' | 'none'][] = [
  // A closed window counts nobody any more: its senders' counts go at the next purge.
  ['rate_limit_windows', `window_start < utc_hour(now())`, 'none'],
  ['report_fingerprints', `seen_at < utc_hour(now()) - interval '${DUPLICATE_WINDOW}'`, 'none'],
  ['used_pow_challenges', `expires_at < now()`, 'none'],
  // A day's address key serves that day and the next; then old hashes can no longer be linked.
  ['server_secrets', `day < $1::date - 1`, 'today'],
];

// Every SET expression reads the row as it was: the coarse columns are computed from the exact
// dates in the same statement that clears them, exactly as report_facts computes them.
const COARSEN_SETTLED_REPORTS = `
  UPDATE reports SET
    coarsened = true,
    coarse_leave_month = date_trunc('month', leave_started_on)::date,
    coarse_duration_days = COALESCE(first_paid_on, status_as_of) - leave_started_on,
    coarse_paid = first_paid_on IS NOT NULL,
    coarse_fund_duration_days = CASE WHEN certificate_sent_on IS NOT NULL
      THEN GREATEST(COALESCE(first_paid_on, status_as_of) - certificate_sent_on, 0) END,
    leave_started_on = NULL, certificate_sent_on = NULL, first_paid_on = NULL, status_as_of = NULL
  WHERE ${SETTLED}`;

export interface PurgeResult {
  /** False when another instance held the lock: nothing was done. */
  ran: boolean;
  dryRun: boolean;
  coarsenedReports: number;
  deletedReports: number;
  deletedIdempotencyKeys: number;
  /** Rate-limit counters, duplicate fingerprints, used challenges and address keys past their time. */
  deletedAbuseRows: number;
  deletedAuditEntries: number;
}

/** Retention (docs/privacy.md): coarsen settled reports, delete old ones, expired keys and old audit entries. */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);
  /** The last purge this instance ran (not a dry run), for /metrics. */
  lastCompleted?: { at: Date; result: PurgeResult };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  /** One transaction: all or nothing. A dry run counts what would change and changes nothing. */
  async purge({ dryRun = false, today = parisToday() }: { dryRun?: boolean; today?: string } = {}): Promise<PurgeResult> {
    const retentionMonths = this.config.get('RETENTION_MONTHS', { infer: true });
    const auditMonths = this.config.get('AUDIT_RETENTION_MONTHS', { infer: true });
    const result = await this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [PURGE_LOCK_KEY]);
      if (!locked)
        return { ran: false, dryRun, coarsenedReports: 0, deletedReports: 0, deletedIdempotencyKeys: 0, deletedAbuseRows: 0, deletedAuditEntries: 0 };
      await allowLongStatements(manager, PURGE_STATEMENT_TIMEOUT_MS);
      // Deletion first: a report past retention is deleted, not coarsened then deleted.
      const deletedReports = await this.apply(manager, dryRun, 'reports', PAST_RETENTION, [today, retentionMonths]);
      const coarsenedReports = dryRun
        ? await count(manager, 'reports', `${SETTLED} AND NOT (${PAST_RETENTION})`, [today, retentionMonths])
        : affected(await manager.query(COARSEN_SETTLED_REPORTS, [today]));
      const deletedIdempotencyKeys = await this.apply(manager, dryRun, 'idempotency_keys', EXPIRED_IDEMPOTENCY_KEYS, []);
      let deletedAbuseRows = 0;
      for (const [table, where, params] of EXPIRED_ABUSE_ROWS) {
        deletedAbuseRows += await this.apply(manager, dryRun, table, where, params === 'today' ? [today] : []);
      }
      const deletedAuditEntries = await this.apply(manager, dryRun, 'audit_log', EXPIRED_AUDIT_ENTRIES, [auditMonths]);
      return { ran: true, dryRun, coarsenedReports, deletedReports, deletedIdempotencyKeys, deletedAbuseRows, deletedAuditEntries };
    });
    if (result.ran && !dryRun) {
      this.lastCompleted = { at: new Date(), result };
      this.logger.log(
        `purge: ${result.coarsenedReports} reports coarsened, ${result.deletedReports} deleted past ${retentionMonths} months, ` +
          `${result.deletedIdempotencyKeys} expired idempotency keys deleted, ${result.deletedAbuseRows} expired abuse-protection rows deleted, ` +
          `${result.deletedAuditEntries} audit entries deleted past ${auditMonths} months`,
      );
    }
    return result;
  }

  private async apply(manager: EntityManager, dryRun: boolean, table: string, where: string, params: unknown[]): Promise<number> {
    if (dryRun) return count(manager, table, where, params);
    return affected(await manager.query(`DELETE FROM ${table} WHERE ${where}`, params));
  }
}

async function count(manager: EntityManager, table: string, where: string, params: unknown[]): Promise<number> {
  const [{ total }] = await manager.query(`SELECT count(*)::int AS total FROM ${table} WHERE ${where}`, params);
  return total as number;
}

// TypeORM's postgres driver answers [rows, affectedCount] for UPDATE and DELETE.
function affected(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
