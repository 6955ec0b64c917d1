import { MigrationInterface, QueryRunner } from 'typeorm';

// Nothing outside audit_log keeps a time finer than the hour (docs/privacy.md, "Unlinkable
// bookkeeping"). `utc_hour` does not depend on the session's time zone, so the checks hold for a
// server set to a half-hour zone too.
const HOURLY_COLUMNS: [table: string, column: string][] = [
  ['idempotency_keys', 'created_at'],
  ['used_pow_challenges', 'expires_at'],
  ['report_fingerprints', 'seen_at'],
  ['server_secrets', 'created_at'],
  ['access_tokens', 'created_at'],
  ['access_tokens', 'revoked_at'],
  ['stats_snapshots', 'created_at'],
];
const WITH_DEFAULT_NOW = new Set(['idempotency_keys.created_at', 'server_secrets.created_at', 'access_tokens.created_at', 'stats_snapshots.created_at']);

export class UnlinkableBookkeeping1764510000000 implements MigrationInterface {
  name = 'UnlinkableBookkeeping1764510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION utc_hour(moment timestamptz) RETURNS timestamptz
      LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN date_trunc('hour', moment AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`);
    // Fingerprints were keyed by the sender's address: with the day's key, they told which address
    // sent which report. They are now keyed by the content alone; the old ones only served the
    // duplicate check of the last 24 hours.
    await queryRunner.query(`TRUNCATE report_fingerprints`);
    // Per-address counter rows, each rewritten by its sender's last request, gave that request's
    // transaction id. One row per bucket and hour holds every sender's count instead.
    await queryRunner.query(`DROP TABLE rate_limit_counters`);
    await queryRunner.query(`
      CREATE UNLOGGED TABLE rate_limit_windows (
        bucket       text        NOT NULL,
        window_start timestamptz NOT NULL CONSTRAINT rate_limit_windows_window_start_hourly CHECK (window_start = utc_hour(window_start)),
        counts       jsonb       NOT NULL,
        PRIMARY KEY (bucket, window_start)
      )`);
    // Expiry is rounded up, so a challenge is never forgotten before it expires.
    await queryRunner.query(`UPDATE used_pow_challenges SET expires_at = utc_hour(expires_at) + interval '1 hour' WHERE expires_at <> utc_hour(expires_at)`);
    for (const [table, column] of HOURLY_COLUMNS) {
      await queryRunner.query(`UPDATE ${table} SET ${column} = utc_hour(${column}) WHERE ${column} <> utc_hour(${column})`);
      if (WITH_DEFAULT_NOW.has(`${table}.${column}`)) await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN ${column} SET DEFAULT utc_hour(now())`);
      await queryRunner.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_hourly CHECK (${column} = utc_hour(${column}))`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, column] of HOURLY_COLUMNS) {
      await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_${column}_hourly`);
      if (WITH_DEFAULT_NOW.has(`${table}.${column}`)) await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN ${column} SET DEFAULT now()`);
    }
    // The counts of the current hour are forgotten: it only forgives the senders' current windows.
    await queryRunner.query(`DROP TABLE rate_limit_windows`);
    await queryRunner.query(`
      CREATE UNLOGGED TABLE rate_limit_counters (
        address_hash bytea NOT NULL,
        bucket       text NOT NULL,
        window_start timestamptz NOT NULL,
        count        integer NOT NULL,
        PRIMARY KEY (address_hash, bucket, window_start)
      )`);
    await queryRunner.query(`TRUNCATE report_fingerprints`);
    await queryRunner.query(`DROP FUNCTION utc_hour(timestamptz)`);
  }
}
