import { MigrationInterface, QueryRunner } from 'typeorm';

// Once a report is settled, the purge job replaces its exact dates by what statistics need (the
// month of the leave, the durations, the censoring flag): the row no longer describes a dated
// episode. report_facts reads either form and yields the same facts.
export class ReportCoarsening1764450000000 implements MigrationInterface {
  name = 'ReportCoarsening1764450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE reports
        ADD COLUMN coarsened                 boolean NOT NULL DEFAULT false,
        ADD COLUMN coarse_leave_month        date    NULL,
        ADD COLUMN coarse_duration_days      integer NULL,
        ADD COLUMN coarse_paid               boolean NULL,
        ADD COLUMN coarse_fund_duration_days integer NULL,
        ALTER COLUMN leave_started_on DROP NOT NULL,
        ALTER COLUMN status_as_of DROP NOT NULL`);
    // A row is either exact (dates, no coarse columns) or coarsened (coarse columns, no dates).
    await queryRunner.query(`
      ALTER TABLE reports ADD CONSTRAINT reports_exact_or_coarsened CHECK (
        (NOT coarsened
          AND leave_started_on IS NOT NULL AND status_as_of IS NOT NULL
          AND coarse_leave_month IS NULL AND coarse_duration_days IS NULL
          AND coarse_paid IS NULL AND coarse_fund_duration_days IS NULL)
        OR
        (coarsened
          AND leave_started_on IS NULL AND certificate_sent_on IS NULL
          AND first_paid_on IS NULL AND status_as_of IS NULL
          AND coarse_leave_month IS NOT NULL
          AND coarse_leave_month = date_trunc('month', coarse_leave_month)::date
          AND coarse_duration_days >= 0 AND coarse_paid IS NOT NULL
          AND (coarse_fund_duration_days IS NULL OR coarse_fund_duration_days >= 0)))`);
    // Same columns, names and types as before (CREATE OR REPLACE keeps dependent objects valid).
    await queryRunner.query(`
      CREATE OR REPLACE VIEW report_facts AS
      SELECT
        id,
        caisse_code,
        allowance_kind,
        CASE WHEN coarsened THEN coarse_leave_month
             ELSE date_trunc('month', leave_started_on)::date END AS leave_month,
        CASE WHEN coarsened THEN coarse_duration_days
             ELSE COALESCE(first_paid_on, status_as_of) - leave_started_on END AS duration_days,
        CASE WHEN coarsened THEN coarse_paid ELSE first_paid_on IS NOT NULL END AS paid,
        CASE WHEN coarsened THEN coarse_fund_duration_days
             WHEN certificate_sent_on IS NOT NULL
             THEN GREATEST(COALESCE(first_paid_on, status_as_of) - certificate_sent_on, 0) END AS fund_duration_days,
        consequences
      FROM reports
      WHERE moderation = 'accepted' AND NOT subrogation`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE VIEW report_facts AS
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
    // Coarsened rows cannot get their dates back: they are removed on downgrade.
    await queryRunner.query(`DELETE FROM reports WHERE coarsened`);
    await queryRunner.query(`ALTER TABLE reports DROP CONSTRAINT reports_exact_or_coarsened`);
    await queryRunner.query(`
      ALTER TABLE reports
        ALTER COLUMN leave_started_on SET NOT NULL,
        ALTER COLUMN status_as_of SET NOT NULL,
        DROP COLUMN coarse_fund_duration_days,
        DROP COLUMN coarse_paid,
        DROP COLUMN coarse_duration_days,
        DROP COLUMN coarse_leave_month,
        DROP COLUMN coarsened`);
  }
}
