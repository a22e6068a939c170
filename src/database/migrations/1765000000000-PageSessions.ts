import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browser sessions for the pages (the cookie holds a token; the row its SHA-256), and short
 * sign-in codes people can type: each sign-in token row may carry the HMAC of a code, bound
 * to the address it was sent to, with a count of wrong tries; wrong tries per address are
 * counted in sign_in_failures.
 */
export class PageSessions1765000000000 implements MigrationInterface {
  name = 'PageSessions1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL,
        principal_role varchar(16) NOT NULL,
        principal_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CONSTRAINT sessions_pkey PRIMARY KEY (id),
        CONSTRAINT sessions_token_hash_unique UNIQUE (token_hash),
        CONSTRAINT sessions_principal_role_check CHECK (principal_role IN ('staff', 'volunteer', 'student')),
        CONSTRAINT sessions_expiry_check CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX sessions_principal_idx ON sessions (principal_role, principal_id)`);
    await q.query(`CREATE INDEX sessions_expiry_idx ON sessions (expires_at)`);

    await q.query(`ALTER TABLE magic_link_tokens ADD COLUMN email varchar(254)`);
    await q.query(`ALTER TABLE magic_link_tokens ADD COLUMN code_hash bytea`);
    await q.query(`ALTER TABLE magic_link_tokens ADD COLUMN failed_attempts smallint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE magic_link_tokens ADD CONSTRAINT magic_link_tokens_code_email_check CHECK ((code_hash IS NULL) = (email IS NULL))`);
    await q.query(`ALTER TABLE magic_link_tokens ADD CONSTRAINT magic_link_tokens_failed_attempts_check CHECK (failed_attempts >= 0)`);
    await q.query(`CREATE INDEX magic_link_tokens_email_idx ON magic_link_tokens (email, created_at)`);
    await q.query(`
      CREATE TABLE sign_in_failures (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sign_in_failures_pkey PRIMARY KEY (id)
      )`);
    await q.query(`CREATE INDEX sign_in_failures_email_idx ON sign_in_failures (email, failed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sign_in_failures`);
    await q.query(`DROP INDEX magic_link_tokens_email_idx`);
    await q.query(`ALTER TABLE magic_link_tokens DROP CONSTRAINT magic_link_tokens_failed_attempts_check`);
    await q.query(`ALTER TABLE magic_link_tokens DROP CONSTRAINT magic_link_tokens_code_email_check`);
    await q.query(`ALTER TABLE magic_link_tokens DROP COLUMN failed_attempts`);
    await q.query(`ALTER TABLE magic_link_tokens DROP COLUMN code_hash`);
    await q.query(`ALTER TABLE magic_link_tokens DROP COLUMN email`);
    await q.query(`DROP TABLE sessions`);
  }
}
