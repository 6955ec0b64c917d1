import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics are now published from noisy releases (docs/privacy.md, "Disclosure control").
 * Snapshots computed before hold exact figures: they are dropped, and the service computes a new
 * snapshot at start-up when none exists. Each snapshot records its release epoch: figures change
 * at most once per epoch (STATS_RELEASE_DAYS).
 */
export class NoisyReleases1765000000000 implements MigrationInterface {
  name = 'NoisyReleases1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM stats_cells`);
    await queryRunner.query(`DELETE FROM stats_snapshots`);
    await queryRunner.query(`ALTER TABLE stats_snapshots ADD COLUMN release_epoch integer NOT NULL`);
  }

  // Snapshots are derived data: going back drops them too, and the older code computes its own.
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM stats_cells`);
    await queryRunner.query(`DELETE FROM stats_snapshots`);
    await queryRunner.query(`ALTER TABLE stats_snapshots DROP COLUMN release_epoch`);
  }
}
