import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * New booking_changes rows are announced by the process that committed them (BookingChangeLog,
 * channel `booking_changes`, coalesced, after the commit) instead of by a NOTIFY from a trigger
 * in the booking's own transaction: PostgreSQL serialises every transaction that notifies on one
 * lock held through its commit, fsync included, so the trigger made committing bookings queue
 * behind each other (about 600 bookings/s against 3,000 without it on our 2-core machine). The
 * triggers on invite_reminders and outbox_messages stay: those writes are rare.
 */
export class BookingChangesAnnouncedByApp1765100000000 implements MigrationInterface {
  name = 'BookingChangesAnnouncedByApp1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER booking_changes_kick_relay ON booking_changes`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TRIGGER booking_changes_kick_relay AFTER INSERT ON booking_changes
        FOR EACH STATEMENT EXECUTE FUNCTION invite_relay_kick()`);
  }
}
