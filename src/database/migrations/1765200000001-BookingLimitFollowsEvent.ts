import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A confirmed booking's number stays within its event's current maxBookingsPerStudent.
 * Bookings read the limit before their transaction, so a booking racing a staff edit that
 * lowers the limit could insert a number the new limit no longer allows. The trigger reads the
 * limit again with FOR KEY SHARE (the lock the foreign key check takes anyway, so it costs no
 * new lock): it waits for an edit holding the row FOR UPDATE and then sees the new limit.
 */
export class BookingLimitFollowsEvent1765200000001 implements MigrationInterface {
  name = 'BookingLimitFollowsEvent1765200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION bookings_within_event_limit() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        max_held smallint;
      BEGIN
        SELECT max_bookings_per_student INTO max_held FROM events WHERE id = NEW.event_id FOR KEY SHARE;
        IF NEW.booking_number > max_held THEN
          RAISE EXCEPTION 'booking number % is over the event''s limit of %', NEW.booking_number, max_held
            USING ERRCODE = 'check_violation', CONSTRAINT = 'bookings_within_event_limit', TABLE = 'bookings', DETAIL = max_held::text;
        END IF;
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER bookings_within_event_limit AFTER INSERT ON bookings
        FOR EACH ROW WHEN (NEW.status = 'confirmed') EXECUTE FUNCTION bookings_within_event_limit()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER bookings_within_event_limit ON bookings`);
    await q.query(`DROP FUNCTION bookings_within_event_limit()`);
  }
}
