import type { PreparedStatement } from '../database/prepared-statements';
import { REPORT_COLUMN_COUNT, REPORT_COLUMNS, reportPlaceholders } from './report-columns';

/** The parameters of the report's statement: its values, its moderation, and the idempotency claim if any. */
export interface IntakeValues {
  report: unknown[];
  /** Moderation reasons ('; '-joined, the bookkeeping's duplicate included), or null. */
  reasons: string | null;
  idempotency?: { keyHash: Buffer; requestHash: Buffer; response: Buffer };
}

/** Whether the report was stored (false: the Idempotency-Key was taken within its window). */
export interface IntakeOutcome {
  stored: boolean;
}

export const IDEMPOTENCY_WINDOW = '24 hours';

/**
 * Keys younger than the window. The claim keeps only the hour (`created_at` is rounded), so a key
 * lives between 24 and 25 hours.
 */
export const LIVE_IDEMPOTENCY_KEY = `created_at > utc_hour(now()) - interval '${IDEMPOTENCY_WINDOW}'`;

const MODERATION_COLUMNS = 'moderation_reason, moderation';

const PLAIN: PreparedStatement = {
  name: 'intake-report',
  text: `INSERT INTO reports (${REPORT_COLUMNS}, ${MODERATION_COLUMNS}) VALUES (${reportPlaceholders()}, ${moderationValues()})`,
};

// The claim must commit with the report (a retry must never store a second one), so it shares its
// transaction: it keeps nothing about the sender and only the hour (docs/privacy.md). A concurrent
// request with the same key waits on the key's unique index, then finds it taken.
const CLAIMED: PreparedStatement = {
  name: 'intake-report-idempotent',
  text: `WITH claimed AS (
      INSERT INTO idempotency_keys (key_hash, request_hash, response, created_at)
      VALUES (${claimParameters()}, utc_hour(now()))
      ON CONFLICT (key_hash) DO UPDATE
        SET request_hash = EXCLUDED.request_hash, response = EXCLUDED.response, created_at = EXCLUDED.created_at
        WHERE NOT (idempotency_keys.${LIVE_IDEMPOTENCY_KEY})
      RETURNING 1),
    stored AS (
      INSERT INTO reports (${REPORT_COLUMNS}, ${MODERATION_COLUMNS})
      SELECT ${reportPlaceholders()}, ${moderationValues()} WHERE EXISTS (SELECT 1 FROM claimed)
      RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM stored) AS stored`,
};

/**
 * The report's own statement, run after the abuse bookkeeping has committed
 * (src/abuse/intake-bookkeeping.ts): the report alone, or with its idempotency claim.
 */
export function intakeStatement(idempotent: boolean): PreparedStatement {
  return idempotent ? CLAIMED : PLAIN;
}

/** The values of `intakeStatement(values.idempotency !== undefined)`, in the order of its parameters. */
export function intakeParameters(values: IntakeValues): unknown[] {
  const parameters = [...values.report, values.reasons === null ? null : `automatic: ${values.reasons}`];
  if (values.idempotency) parameters.push(values.idempotency.keyHash, values.idempotency.requestHash, values.idempotency.response);
  return parameters;
}

// The reason, then the state it implies: flagged when there is a reason.
function moderationValues(): string {
  const reason = `$${REPORT_COLUMN_COUNT + 1}::text`;
  return `${reason}, CASE WHEN ${reason} IS NULL THEN 'accepted' ELSE 'flagged' END`;
}

function claimParameters(): string {
  const first = REPORT_COLUMN_COUNT + 2;
  return [`$${first}::bytea`, `$${first + 1}::bytea`, `$${first + 2}::bytea`].join(', ');
}
