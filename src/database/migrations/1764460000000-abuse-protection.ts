import { MigrationInterface, QueryRunner } from 'typeorm';

// Abuse protection without tracking (docs/security.md, docs/privacy.md). None of these tables
// holds a client address, a report id or anything a report row carries; all are purged within 48 h.
export class AbuseProtection1764460000000 implements MigrationInterface {
  name = 'AbuseProtection1764460000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Secrets shared by every instance: the proof-of-work HMAC key (no day, kept), and one
    // address-hashing key per Paris day (deleted two days later, so old hashes cannot be linked).
    await queryRunner.query(`
      CREATE TABLE server_secrets (
        name       text PRIMARY KEY,
        day        date NULL,
        secret     bytea NOT NULL CHECK (length(secret) = 32),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX server_secrets_day_idx ON server_secrets (day) WHERE day IS NOT NULL`);
    // Each solved challenge is accepted once: the primary key makes concurrent replays lose.
    await queryRunner.query(`
      CREATE TABLE used_pow_challenges (
        challenge_hash bytea PRIMARY KEY,
        expires_at     timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX used_pow_challenges_expires_idx ON used_pow_challenges (expires_at)`);
    // Fixed-window counters per keyed address hash. UNLOGGED: no WAL, so counting a request does
    // not wait for a disk flush; a crash empties the table, which only forgives the current windows.
    await queryRunner.query(`
      CREATE UNLOGGED TABLE rate_limit_counters (
        address_hash bytea NOT NULL,
        bucket       text NOT NULL,
        window_start timestamptz NOT NULL,
        count        integer NOT NULL,
        PRIMARY KEY (address_hash, bucket, window_start)
      )`);
    await queryRunner.query(`CREATE INDEX rate_limit_counters_window_idx ON rate_limit_counters (window_start)`);
    // Keyed hashes of (address + report content) to spot duplicates: no report id, on purpose.
    await queryRunner.query(`
      CREATE TABLE report_fingerprints (
        fingerprint bytea PRIMARY KEY,
        seen_at     timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX report_fingerprints_seen_idx ON report_fingerprints (seen_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE report_fingerprints, rate_limit_counters, used_pow_challenges, server_secrets`);
  }
}
