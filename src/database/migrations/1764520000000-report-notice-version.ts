import { MigrationInterface, QueryRunner } from 'typeorm';

// The version of /confidentialite's notice each report was given under (src/reports/privacy-notice.ts),
// so consent can be shown (GDPR art. 7(1)). NULL for reports sent before it was recorded.
export class ReportNoticeVersion1764520000000 implements MigrationInterface {
  name = 'ReportNoticeVersion1764520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE reports ADD COLUMN notice_version text NULL CHECK (notice_version ~ '^[0-9a-f]{12}$')`);
  }

  // Reports stay; only the record of their notice version goes.
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE reports DROP COLUMN notice_version`);
  }
}
