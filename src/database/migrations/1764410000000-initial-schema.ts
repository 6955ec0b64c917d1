import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764410000000 implements MigrationInterface {
  name = 'InitialSchema1764410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE caisses (
        code         char(3) PRIMARY KEY,
        name         text    NOT NULL,
        departements text[]  NOT NULL,
        region       text    NOT NULL,
        type         text    NOT NULL CHECK (type IN ('CPAM', 'CGSS', 'CCSS', 'CSS'))
      )`);
    // Calendar dates only: no creation timestamp, no address, nothing tying a row to a request.
    await queryRunner.query(`
      CREATE TABLE reports (
        id                  uuid    PRIMARY KEY,
        receipt_hash        bytea   NOT NULL,
        caisse_code         char(3) NOT NULL REFERENCES caisses (code),
        allowance_kind      text    NOT NULL CHECK (allowance_kind IN
                              ('maladie', 'accident_travail', 'maladie_professionnelle', 'maternite', 'paternite')),
        leave_started_on    date    NOT NULL,
        certificate_sent_on date    NULL CHECK (certificate_sent_on >= leave_started_on),
        first_paid_on       date    NULL CHECK (first_paid_on >= leave_started_on),
        subrogation         boolean NOT NULL DEFAULT false,
        consequences        text[]  NOT NULL DEFAULT '{}',
        status_as_of        date    NOT NULL CHECK (status_as_of >= leave_started_on)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX reports_receipt_hash_key ON reports (receipt_hash)`);
    // The stored answer is encrypted with a key derived from the client's Idempotency-Key, and
    // the row is found by another hash of it: without the key the row says nothing.
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        key_hash     bytea       PRIMARY KEY,
        request_hash bytea       NOT NULL,
        response     bytea       NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
    await queryRunner.query(`DROP TABLE reports`);
    await queryRunner.query(`DROP TABLE caisses`);
  }
}
