import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: staff delete students and volunteers. A deletion closes the account at once
 * (`deleted_at`: no sign-in, out of every list) and cancels what the person holds; their name
 * and address are erased once the cancellation mails that need them are out (a `people` job),
 * leaving a row without personal data so past interviews still count in reports.
 * Closing an account is announced like a deletion (AccountDeletionsAnnounced), so the API
 * stops believing a cached "this account exists" at once.
 */
export class PeopleDeletion1765400000001 implements MigrationInterface {
  name = 'PeopleDeletion1765400000001';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['students', 'volunteers']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN deleted_at timestamptz`);
      await q.query(`ALTER TABLE ${table} ADD COLUMN erased_at timestamptz`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_erased_after_deleted CHECK (erased_at IS NULL OR deleted_at IS NOT NULL)`);
      await q.query(
        `CREATE TRIGGER ${table}_announce_closed AFTER UPDATE OF deleted_at ON ${table}
           FOR EACH ROW WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL)
           EXECUTE FUNCTION announce_account_deleted()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['students', 'volunteers']) {
      await q.query(`DROP TRIGGER ${table}_announce_closed ON ${table}`);
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_erased_after_deleted`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN erased_at`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN deleted_at`);
    }
  }
}
