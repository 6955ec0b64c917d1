import { MigrationInterface, QueryRunner } from 'typeorm';

// Each protected intake wrote an entry in each of these indexes, which only the daily purge read:
// it now scans the tables, which hold at most two days of short rows (docs/performance.md).
export class AbuseTablesLean1764500000000 implements MigrationInterface {
  name = 'AbuseTablesLean1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX rate_limit_counters_window_idx, used_pow_challenges_expires_idx, report_fingerprints_seen_idx`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX rate_limit_counters_window_idx ON rate_limit_counters (window_start)`);
    await queryRunner.query(`CREATE INDEX used_pow_challenges_expires_idx ON used_pow_challenges (expires_at)`);
    await queryRunner.query(`CREATE INDEX report_fingerprints_seen_idx ON report_fingerprints (seen_at)`);
  }
}
