import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL announces each deleted student and volunteer on `fairgrid_account_deleted` (the
 * payload is the id), so the API can believe for a few seconds that an account it has just
 * seen still exists and forget it the moment it is deleted (src/common/auth/principal-directory.ts).
 * Deletions are rare; a NOTIFY serialises the commits of the transactions that send it, which
 * costs nothing here.
 */
export class AccountDeletionsAnnounced1765000000001 implements MigrationInterface {
  name = 'AccountDeletionsAnnounced1765000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION announce_account_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('fairgrid_account_deleted', OLD.id::text);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER students_announce_deleted AFTER DELETE ON students FOR EACH ROW EXECUTE FUNCTION announce_account_deleted()`);
    await q.query(`CREATE TRIGGER volunteers_announce_deleted AFTER DELETE ON volunteers FOR EACH ROW EXECUTE FUNCTION announce_account_deleted()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER volunteers_announce_deleted ON volunteers`);
    await q.query(`DROP TRIGGER students_announce_deleted ON students`);
    await q.query(`DROP FUNCTION announce_account_deleted()`);
  }
}
