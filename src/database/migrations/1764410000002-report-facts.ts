import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportFacts1764410000002 implements MigrationInterface {
  name = 'ReportFacts1764410000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    // accepted: counts in statistics; flagged: waits for an admin; excluded: an admin set it aside.
    await queryRunner.query(`
      ALTER TABLE reports
        ADD COLUMN moderation text NOT NULL DEFAULT 'accepted' CHECK (moderation IN ('accepted', 'flagged', 'excluded')),
        ADD COLUMN moderation_reason text NULL CHECK (length(moderation_reason) <= 200)`);
    // The one place that says which reports count and what each contributes to a statistic:
    // accepted, not subrogated; a duration in days that is an event (paid) or right-censored
    // at status_as_of (still waiting). Statistics read this view, never the dates themselves.
    await queryRunner.query(`
      CREATE VIEW report_facts AS
      SELECT
        id,
        caisse_code,
        allowance_kind,
        date_trunc('month', leave_started_on)::date AS leave_month,
        COALESCE(first_paid_on, status_as_of) - leave_started_on AS duration_days,
        first_paid_on IS NOT NULL AS paid,
        CASE WHEN certificate_sent_on IS NOT NULL
             THEN GREATEST(COALESCE(first_paid_on, status_as_of) - certificate_sent_on, 0) END AS fund_duration_days,
        consequences
      FROM reports
      WHERE moderation = 'accepted' AND NOT subrogation`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW report_facts`);
    await queryRunner.query(`ALTER TABLE reports DROP COLUMN moderation_reason, DROP COLUMN moderation`);
  }
}
