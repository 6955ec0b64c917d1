import { MigrationInterface, QueryRunner } from 'typeorm';

// Every idempotent request wrote an entry in this index; only the daily purge read it, and a scan
// of one day of keys is cheap for a job that runs once a day (docs/performance.md).
export class IdempotencyKeysLean1764490000000 implements MigrationInterface {
  name = 'IdempotencyKeysLean1764490000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idempotency_keys_created_at_idx`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at)`);
  }
}
