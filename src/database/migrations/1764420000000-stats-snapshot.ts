import { MigrationInterface, QueryRunner } from 'typeorm';

export class StatsSnapshot1764420000000 implements MigrationInterface {
  name = 'StatsSnapshot1764420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per refresh; readers take the newest, so a snapshot appears whole when its
    // transaction commits and never half-written.
    await queryRunner.query(`
      CREATE TABLE stats_snapshots (
        id            bigserial   PRIMARY KEY,
        created_at    timestamptz NOT NULL DEFAULT now(),
        reports       integer     NOT NULL,
        cells         integer     NOT NULL,
        duration_ms   integer     NOT NULL
      )`);
    // Every non-empty cell of the cube with its coarse figures (JSON text, as disclosure control
    // wrote them, read back whole) and its fate. The counts and `sketch` (reports behind the
    // figures counted by hash bucket) serve the next refresh only and are never published as such.
    await queryRunner.query(`
      CREATE TABLE stats_cells (
        snapshot_id              bigint   NOT NULL,
        cell                     text     NOT NULL,
        geo_level                text     NOT NULL,
        geo_code                 text     NOT NULL,
        kind                     text     NOT NULL,
        period_level             text     NOT NULL,
        period                   text     NOT NULL,
        suppressed               boolean  NOT NULL,
        fund_part_suppressed     boolean  NOT NULL,
        consequences_suppressed  boolean  NOT NULL,
        reports                  integer  NOT NULL,
        fund_reports             integer  NOT NULL,
        answered                 integer  NOT NULL,
        figures                  text     NOT NULL,
        sketch                   bytea    NOT NULL,
        PRIMARY KEY (snapshot_id, cell)
      )`);
    // No foreign key to stats_snapshots: a per-row check would slow the bulk insert of each
    // snapshot; the refresh deletes old cells itself.
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE stats_cells`);
    await queryRunner.query(`DROP TABLE stats_snapshots`);
  }
}
