import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A booking moved away and back (A → B → A) needs its reminders for A again, but the
 * cancelled rows for A stayed in the unique index and blocked them. Cancelled rows are
 * history, so the index now leaves them out.
 */
export class RemindersAfterMoves1764470000000 implements MigrationInterface {
  name = 'RemindersAfterMoves1764470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX invite_reminders_unique`);
    await q.query(
      `CREATE UNIQUE INDEX invite_reminders_unique ON invite_reminders (booking_id, recipient_role, recipient_id, offset_minutes, starts_at)
       WHERE status <> 'cancelled'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM invite_reminders WHERE status = 'cancelled'`);
    await q.query(`DROP INDEX invite_reminders_unique`);
    await q.query(
      `CREATE UNIQUE INDEX invite_reminders_unique ON invite_reminders (booking_id, recipient_role, recipient_id, offset_minutes, starts_at)`,
    );
  }
}
