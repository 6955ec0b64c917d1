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
    // Every non-empty cell of the cube with its coarse figures (jsonb, as disclosure control
    // wrote them) and its fate. `sketch` counts the reports behind the figures by hash bucket,
    // for the "at least 5 changes" rule; it is never published.
    await queryRunner.query(`
      CREATE TABLE stats_cells (
        snapshot_id              bigint   NOT NULL REFERENCES stats_snapshots (id) ON DELETE CASCADE,
        cell                     text     NOT NULL,
        geo_level                text     NOT NULL,
        geo_code                 text     NOT NULL,
        kind                     text     NOT NULL,
        period_level             text     NOT NULL,
        period                   text     NOT NULL,
        suppressed               boolean  NOT NULL,
        fund_part_suppressed     boolean  NOT NULL,
        consequences_suppressed  boolean  NOT NULL,
        figures                  jsonb    NOT NULL,
        sketch                   int4[]   NOT NULL,
        PRIMARY KEY (snapshot_id, cell)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE stats_cells`);
    await queryRunner.query(`DROP TABLE stats_snapshots`);
  }
}
