import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: staff accounts get a role. `admin` may do everything, staff accounts included;
 * `staff` everything but staff accounts; `desk` only check-in and attendance (student workers
 * at the door). Every account that exists becomes `admin`, as each could do everything until
 * now; new accounts default to `staff`. A disabled account keeps its row (who did what stays
 * readable) but cannot sign in, and its tokens and sessions stop working at once.
 */
export class StaffRoles1765400000000 implements MigrationInterface {
  name = 'StaffRoles1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff ADD COLUMN role varchar(16) NOT NULL DEFAULT 'admin'`);
    await q.query(`ALTER TABLE staff ALTER COLUMN role SET DEFAULT 'staff'`);
    await q.query(`ALTER TABLE staff ADD CONSTRAINT staff_role_check CHECK (role IN ('admin', 'staff', 'desk'))`);
    await q.query(`ALTER TABLE staff ADD COLUMN disabled_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff DROP COLUMN disabled_at`);
    await q.query(`ALTER TABLE staff DROP CONSTRAINT staff_role_check`);
    await q.query(`ALTER TABLE staff DROP COLUMN role`);
  }
}
