import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics are now published from noisy releases (docs/privacy.md, "Disclosure control").
 * Snapshots computed before hold exact figures: they are dropped, and the service computes a new
 * snapshot at start-up when none exists. Each cell keeps the day of its release, since a cell is
 * released again only after STATS_RELEASE_DAYS.
 */
export class NoisyReleases1765000000000 implements MigrationInterface {
  name = 'NoisyReleases1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM stats_cells`);
    await queryRunner.query(`DELETE FROM stats_snapshots`);
    await queryRunner.query(`ALTER TABLE stats_cells ADD COLUMN released_on date NOT NULL`);
  }

  // Snapshots are derived data: going back drops them too, and the older code computes its own.
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM stats_cells`);
    await queryRunner.query(`DELETE FROM stats_snapshots`);
    await queryRunner.query(`ALTER TABLE stats_cells DROP COLUMN released_on`);
  }
}
