import { countRequestSql } from '../abuse/rate-limit.service';
import type { PreparedStatement } from '../database/prepared-statements';

/** What one intake statement does besides storing the report; each part adds its parameters. */
export interface IntakeParts {
  /** Count the request in the sender's rate-limit window; nothing else is written past the limit. */
  rateLimit: boolean;
  /** Mark the proof-of-work challenge used; nothing else is written when it already was. */
  proof: boolean;
  /** Record the keyed (address + content) fingerprint and flag the report when it was seen in 24 h. */
  fingerprints: boolean;
  /** Claim the Idempotency-Key; the report is stored only when the claim succeeds. */
  idempotency: boolean;
}

/** The parameters of an intake, by name; only those of the statement's parts are sent. */
export interface IntakeValues {
  report: unknown[];
  /** Moderation reasons found before the database ('; '-joined), or null. */
  reasons: string | null;
  rateLimit?: { addressHash: Buffer; windowStart: Date; limit: number };
  proof?: { challengeHash: Buffer; expiresAt: Date };
  fingerprints?: { today: Buffer; yesterday: Buffer };
  idempotency?: { keyHash: Buffer; requestHash: Buffer; response: Buffer };
}

/** What the statement found: the sender's count, whether the proof was fresh, and whether the report was stored. */
export interface IntakeOutcome {
  count: number | null;
  proof_accepted: boolean;
  stored: boolean;
}

export const IDEMPOTENCY_WINDOW = '24 hours';

export const REPORT_COLUMNS = `id, receipt_hash, caisse_code, allowance_kind, leave_started_on,
                       certificate_sent_on, first_paid_on, subrogation, consequences, status_as_of`;
export const REPORT_COLUMN_COUNT = 10;

const statements = new Map<string, PreparedStatement>();

/**
 * One statement per intake, whatever the controls: the rate-limit count, the used challenge, the
 * duplicate fingerprint, the idempotency claim and the report commit together, in one round trip
 * and one commit (the controls cost a fraction of the insert, docs/performance.md). Each CTE runs
 * only when the ones before it allowed the report; a statement sees no CTE's writes but through
 * RETURNING, so each decision is passed on that way. Built once per combination of parts.
 */
export function intakeStatement(parts: IntakeParts): PreparedStatement {
  const name = `intake-${Number(parts.rateLimit)}${Number(parts.proof)}${Number(parts.fingerprints)}${Number(parts.idempotency)}`;
  let statement = statements.get(name);
  if (!statement) {
    statement = { name, text: buildIntakeText(parts) };
    statements.set(name, statement);
  }
  return statement;
}

/** The values of `intakeStatement(parts)`, in the order of its parameters. */
export function intakeParameters(parts: IntakeParts, values: IntakeValues): unknown[] {
  const parameters = [...values.report, values.reasons];
  if (parts.rateLimit) parameters.push(values.rateLimit!.addressHash, values.rateLimit!.windowStart, values.rateLimit!.limit);
  if (parts.proof) parameters.push(values.proof!.challengeHash, values.proof!.expiresAt);
  if (parts.fingerprints) parameters.push(values.fingerprints!.today, values.fingerprints!.yesterday);
  if (parts.idempotency) parameters.push(values.idempotency!.keyHash, values.idempotency!.requestHash, values.idempotency!.response);
  return parameters;
}

function buildIntakeText(parts: IntakeParts): string {
  let next = REPORT_COLUMN_COUNT + 2;
  const parameter = () => `$${next++}`;
  const reasons = `$${REPORT_COLUMN_COUNT + 1}::text`;
  const ctes: string[] = [];
  // Conditions, in SQL, that every later write must meet.
  const allowed: string[] = [];
  const only = () => (allowed.length > 0 ? `WHERE ${allowed.join(' AND ')}` : '');

  if (parts.rateLimit) {
    const [addressHash, windowStart, limit] = [parameter(), parameter(), parameter()];
    ctes.push(`counted AS (${countRequestSql(`${addressHash}::bytea`, "'reports'", `${windowStart}::timestamptz`)})`);
    allowed.push(`(SELECT count FROM counted) <= ${limit}::integer`);
  }
  if (parts.proof) {
    const [challengeHash, expiresAt] = [parameter(), parameter()];
    // Exactly one concurrent request wins the primary key of a challenge.
    ctes.push(`used AS (
      INSERT INTO used_pow_challenges (challenge_hash, expires_at)
      SELECT ${challengeHash}::bytea, ${expiresAt}::timestamptz ${only()}
      ON CONFLICT DO NOTHING
      RETURNING 1)`);
    allowed.push('EXISTS (SELECT 1 FROM used)');
  }
  // Flagged with its reasons: those found before (implausible dates, no proof from the form
  // without JavaScript), and a duplicate found here.
  let reason = `'automatic: ' || ${reasons}`;
  if (parts.fingerprints) {
    const [today, yesterday] = [parameter(), parameter()];
    // Today's key is recorded; yesterday's is only looked up. `existed`: the upsert hit a row,
    // committed earlier or by a concurrent request.
    ctes.push(`earlier AS (
      SELECT 1 FROM report_fingerprints WHERE fingerprint = ${yesterday}::bytea AND seen_at > now() - interval '24 hours')`);
    ctes.push(`seen AS (
      INSERT INTO report_fingerprints (fingerprint, seen_at)
      SELECT ${today}::bytea, now() ${only()}
      ON CONFLICT (fingerprint) DO UPDATE SET seen_at = now()
      RETURNING (xmax <> 0) AS existed)`);
    const duplicate = `(EXISTS (SELECT 1 FROM earlier) OR COALESCE((SELECT existed FROM seen), false))`;
    reason = `CASE WHEN ${duplicate} THEN 'automatic: ' || concat_ws('; ', 'possible duplicate', ${reasons})
                   WHEN ${reasons} IS NOT NULL THEN 'automatic: ' || ${reasons} END`;
  }
  if (parts.idempotency) {
    const [keyHash, requestHash, response] = [parameter(), parameter(), parameter()];
    // A concurrent request with the same key waits on the key's unique index, then finds it taken.
    ctes.push(`claimed AS (
      INSERT INTO idempotency_keys (key_hash, request_hash, response)
      SELECT ${keyHash}::bytea, ${requestHash}::bytea, ${response}::bytea ${only()}
      ON CONFLICT (key_hash) DO UPDATE
        SET request_hash = EXCLUDED.request_hash, response = EXCLUDED.response, created_at = now()
        WHERE idempotency_keys.created_at < now() - interval '${IDEMPOTENCY_WINDOW}'
      RETURNING 1)`);
    allowed.push('EXISTS (SELECT 1 FROM claimed)');
  }
  const reportValues = Array.from({ length: REPORT_COLUMN_COUNT }, (_, index) => `$${index + 1}`).join(', ');
  const columns = `${REPORT_COLUMNS}, moderation_reason, moderation`;
  const moderation = (reasonColumn: string) => `CASE WHEN ${reasonColumn} IS NULL THEN 'accepted' ELSE 'flagged' END`;
  if (ctes.length === 0) {
    return `INSERT INTO reports (${columns}) VALUES (${reportValues}, ${reason}, ${moderation(reason)})`;
  }
  ctes.push(`verdict AS (SELECT ${reason} AS reason)`);
  return `WITH ${ctes.join(',\n')},
    stored AS (
      INSERT INTO reports (${columns})
      SELECT ${reportValues}, reason, ${moderation('reason')} FROM verdict ${only()}
      RETURNING 1)
    SELECT ${parts.rateLimit ? '(SELECT count FROM counted)' : 'NULL::integer'} AS count,
           ${parts.proof ? 'EXISTS (SELECT 1 FROM used)' : 'true'} AS proof_accepted,
           EXISTS (SELECT 1 FROM stored) AS stored`;
}
