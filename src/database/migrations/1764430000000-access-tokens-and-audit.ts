import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccessTokensAndAudit1764430000000 implements MigrationInterface {
  name = 'AccessTokensAndAudit1764430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A token row holds who it was given to, its role, and the SHA-256 of the token: never the
    // token itself, nothing about its use.
    await queryRunner.query(`
      CREATE TABLE access_tokens (
        id           uuid        PRIMARY KEY,
        organisation text        NOT NULL CHECK (length(organisation) BETWEEN 1 AND 200),
        role         text        NOT NULL CHECK (role IN ('union', 'admin')),
        token_hash   bytea       NOT NULL CHECK (length(token_hash) = 32),
        created_at   timestamptz NOT NULL DEFAULT now(),
        revoked_at   timestamptz NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX access_tokens_token_hash_key ON access_tokens (token_hash)`);
    // Who did what with a token: exports, bulk imports, moderation. Never a report's content.
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id           uuid        PRIMARY KEY,
        token_id     uuid        NOT NULL REFERENCES access_tokens (id),
        organisation text        NOT NULL,
        action       text        NOT NULL,
        query        jsonb       NOT NULL DEFAULT '{}',
        row_count    integer     NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_created_at_idx ON audit_log (created_at DESC, id DESC)`);
    // Admins list flagged and excluded reports: few rows, so a small partial index serves them.
    await queryRunner.query(`CREATE INDEX reports_moderated_idx ON reports (moderation, id) WHERE moderation <> 'accepted'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX reports_moderated_idx`);
    await queryRunner.query(`DROP TABLE audit_log`);
    await queryRunner.query(`DROP TABLE access_tokens`);
  }
}
