import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A transactional log of booking changes, written in the same transaction as the change.
 * Consumers (calendar invites, reminders) read it in id order, so nothing is lost when Redis
 * or a worker is down and the order confirmed → updated → cancelled is kept per booking.
 */
export class BookingChanges1764050000000 implements MigrationInterface {
  name = 'BookingChanges1764050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE booking_changes (
        id bigserial PRIMARY KEY,
        booking_id uuid NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
        change varchar(16) NOT NULL CHECK (change IN ('confirmed', 'updated', 'cancelled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      )`);
    await q.query(`CREATE INDEX booking_changes_pending_idx ON booking_changes (id) WHERE processed_at IS NULL`);
    await q.query(`CREATE INDEX booking_changes_booking_idx ON booking_changes (booking_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE booking_changes`);
  }
}
