import type { PreparedStatement } from '../database/prepared-statements';
import type { VerifiedProof } from './proof-of-work.service';

/**
 * What the abuse controls record before a report is stored, once the sender's rate-limit count
 * (rate-limit.service.ts, a transaction of its own) let it through; each part adds its parameters.
 */
export interface BookkeepingParts {
  /** Mark the proof-of-work challenge used; nothing else is written when it already was. */
  proof: boolean;
  /** Record the keyed content fingerprint, and say whether it was seen within 24 h. */
  fingerprints: boolean;
}

export interface BookkeepingValues {
  proof?: VerifiedProof;
  /** Keyed hashes of the content: under today's key (recorded), and yesterday's (looked up only). */
  fingerprints?: { today: Buffer; yesterday: Buffer };
}

/** Whether the proof was fresh, and whether the same content was seen within 24 h. */
export interface BookkeepingOutcome {
  proof_accepted: boolean;
  duplicate: boolean;
}

/** How long a fingerprint counts for the duplicate check (at the hour's granularity). */
export const DUPLICATE_WINDOW = '24 hours';

// Exactly one concurrent request wins the primary key of a challenge. The expiry is kept rounded
// up to the hour: nothing finer than the hour is stored.
export function useChallengeSql(challengeHash: string, expiresAt: string): string {
  return `
      INSERT INTO used_pow_challenges (challenge_hash, expires_at)
      VALUES (${challengeHash}, utc_hour(${expiresAt} + interval '1 hour' - interval '1 microsecond'))
      ON CONFLICT DO NOTHING
      RETURNING 1`;
}

// Today's fingerprint is recorded with the hour; yesterday's is only looked up.
export function earlierFingerprintSql(yesterday: string): string {
  return `SELECT 1 FROM report_fingerprints WHERE fingerprint = ${yesterday} AND seen_at >= utc_hour(now()) - interval '${DUPLICATE_WINDOW}'`;
}

// `existed`: the upsert hit a row, committed earlier or by a concurrent request.
export function recordFingerprintSql(today: string, condition: string): string {
  return `
      INSERT INTO report_fingerprints (fingerprint, seen_at)
      SELECT ${today}, utc_hour(now()) ${condition}
      ON CONFLICT (fingerprint) DO UPDATE SET seen_at = utc_hour(now())
      RETURNING (xmax <> 0) AS existed`;
}

const statements = new Map<string, PreparedStatement>();

/**
 * One statement, committed on its own BEFORE the report: the used challenge and the duplicate
 * fingerprint never share a transaction (hence an xmin) with the report they let in
 * (docs/privacy.md, "Unlinkable bookkeeping"). The fingerprint is written only when the challenge
 * was fresh; a statement sees no CTE's writes but through RETURNING, so that decision is passed on
 * that way. Built once per combination of parts; none when there is no part.
 */
export function bookkeepingStatement(parts: BookkeepingParts): PreparedStatement | undefined {
  if (!parts.proof && !parts.fingerprints) return undefined;
  const name = `bookkeeping-${Number(parts.proof)}${Number(parts.fingerprints)}`;
  let statement = statements.get(name);
  if (!statement) {
    statement = { name, text: buildBookkeepingText(parts) };
    statements.set(name, statement);
  }
  return statement;
}

/** The values of `bookkeepingStatement(parts)`, in the order of its parameters. */
export function bookkeepingParameters(parts: BookkeepingParts, values: BookkeepingValues): unknown[] {
  const parameters: unknown[] = [];
  if (parts.proof) parameters.push(values.proof!.challengeHash, values.proof!.expiresAt);
  if (parts.fingerprints) parameters.push(values.fingerprints!.today, values.fingerprints!.yesterday);
  return parameters;
}

function buildBookkeepingText(parts: BookkeepingParts): string {
  let next = 1;
  const parameter = () => `$${next++}`;
  const ctes: string[] = [];
  let proofAccepted = 'true';
  if (parts.proof) {
    const [challengeHash, expiresAt] = [parameter(), parameter()];
    ctes.push(`used AS (${useChallengeSql(`${challengeHash}::bytea`, `${expiresAt}::timestamptz`)})`);
    proofAccepted = 'EXISTS (SELECT 1 FROM used)';
  }
  let duplicate = 'false';
  if (parts.fingerprints) {
    const [today, yesterday] = [parameter(), parameter()];
    ctes.push(`earlier AS (${earlierFingerprintSql(`${yesterday}::bytea`)})`);
    ctes.push(`seen AS (${recordFingerprintSql(`${today}::bytea`, parts.proof ? `WHERE ${proofAccepted}` : '')})`);
    duplicate = `(EXISTS (SELECT 1 FROM earlier) OR COALESCE((SELECT existed FROM seen), false))`;
  }
  return `WITH ${ctes.join(',\n')}
    SELECT ${proofAccepted} AS proof_accepted,
           ${duplicate} AS duplicate`;
}
