import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dated events recorded by unions and admins (issue 14), drawn on the charts. `created_at` is
 * kept to the hour like every timestamp outside audit_log (privacy.md, "Unlinkable bookkeeping");
 * the audit log records who changed what.
 */
export class TimelineEvents1765213000000 implements MigrationInterface {
  name = 'TimelineEvents1765213000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE timeline_events (
        id           uuid        PRIMARY KEY,
        scope_level  text        NOT NULL CONSTRAINT timeline_events_scope_level CHECK (scope_level IN ('national', 'region', 'departement', 'caisse')),
        scope_code   text,
        occurred_on  date        NOT NULL,
        title        text        NOT NULL CONSTRAINT timeline_events_title_length CHECK (char_length(title) BETWEEN 1 AND 120),
        source       text        CONSTRAINT timeline_events_source_https CHECK (source LIKE 'https://%' AND char_length(source) <= 500),
        organisation text        NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT utc_hour(now()) CONSTRAINT timeline_events_created_at_hourly CHECK (created_at = utc_hour(created_at)),
        CONSTRAINT timeline_events_scope_code CHECK ((scope_level = 'national') = (scope_code IS NULL))
      )`);
    // The list: newest first, all scopes or one.
    await queryRunner.query(`CREATE INDEX timeline_events_newest ON timeline_events (occurred_on DESC, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX timeline_events_scope ON timeline_events (scope_level, scope_code, occurred_on DESC)`);
  }

  // Guarded in migration-guards.ts: refused while events exist, so no event is lost.
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE timeline_events`);
  }
}
