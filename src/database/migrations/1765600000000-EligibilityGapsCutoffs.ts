import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12, office policies: who may book an event, how far apart one student's interviews
 * must be, and how close to a slot's start students may still book or cancel.
 *
 * - events.min_gap_minutes / booking_cutoff_minutes: 0 = no gap, no cut-off.
 * - bookings.gap_range: the interview widened by half the event's gap on each side, set by the
 *   `bookings_set_gap_range` trigger on every insert and move (NULL when the event has no gap).
 *   Two confirmed interviews of one student in one event are then at least the gap apart
 *   exactly when their gap ranges do not overlap: the exclusion constraint
 *   `bookings_student_gap` holds it for every path that writes bookings (first come, staff,
 *   moves, allocation, offers). An edit of the gap widens the event's ranges again (EventEdits).
 *   The range is a stored column because timestamptz ± interval is only STABLE, which an index
 *   expression may not use. The trigger reads the event FOR KEY SHARE (the lock the foreign
 *   key check takes anyway), so it waits for an edit of the gap and then sees the new one.
 * - event_eligibility: per event, the majors, graduation years and e-mail domains a student
 *   must have (NULL: no rule of that kind), and whether only the students listed in
 *   event_eligible_students may book. Every rule set must hold.
 */
export class EligibilityGapsCutoffs1765600000000 implements MigrationInterface {
  name = 'EligibilityGapsCutoffs1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events ADD COLUMN min_gap_minutes smallint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE events ADD COLUMN booking_cutoff_minutes integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE events ADD CONSTRAINT events_min_gap_minutes_check CHECK (min_gap_minutes BETWEEN 0 AND 240)`);
    await q.query(`ALTER TABLE events ADD CONSTRAINT events_booking_cutoff_minutes_check CHECK (booking_cutoff_minutes BETWEEN 0 AND 10080)`);

    await q.query(`ALTER TABLE bookings ADD COLUMN gap_range tstzrange`);
    // One formula for the trigger and for an edit of the gap (BookingsService.followGap).
    await q.query(`
      CREATE FUNCTION booking_gap_range(starts timestamptz, ends timestamptz, gap_minutes integer) RETURNS tstzrange
        LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN gap_minutes > 0
          THEN tstzrange(starts - make_interval(secs => gap_minutes * 30), ends + make_interval(secs => gap_minutes * 30)) END
      $$`);
    await q.query(`
      CREATE FUNCTION bookings_set_gap_range() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        gap smallint;
      BEGIN
        SELECT min_gap_minutes INTO gap FROM events WHERE id = NEW.event_id FOR KEY SHARE;
        NEW.gap_range := booking_gap_range(NEW.starts_at, NEW.ends_at, gap);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER bookings_set_gap_range BEFORE INSERT OR UPDATE OF starts_at, ends_at, event_id ON bookings
        FOR EACH ROW EXECUTE FUNCTION bookings_set_gap_range()`);
    await q.query(`
      ALTER TABLE bookings ADD CONSTRAINT bookings_student_gap
        EXCLUDE USING gist (event_id WITH =, student_id WITH =, gap_range WITH &&) WHERE (status = 'confirmed')`);

    await q.query(`
      CREATE TABLE event_eligibility (
        event_id uuid NOT NULL,
        majors varchar(200)[],
        graduation_years smallint[],
        email_domains varchar(253)[],
        listed_only boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT event_eligibility_pkey PRIMARY KEY (event_id),
        CONSTRAINT event_eligibility_event_id_fkey FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
        CONSTRAINT event_eligibility_majors_check CHECK (cardinality(majors) > 0),
        CONSTRAINT event_eligibility_graduation_years_check CHECK (cardinality(graduation_years) > 0),
        CONSTRAINT event_eligibility_email_domains_check CHECK (cardinality(email_domains) > 0)
      )`);
    await q.query(`
      CREATE TABLE event_eligible_students (
        event_id uuid NOT NULL,
        student_id uuid NOT NULL,
        CONSTRAINT event_eligible_students_pkey PRIMARY KEY (event_id, student_id),
        CONSTRAINT event_eligible_students_event_id_fkey FOREIGN KEY (event_id) REFERENCES event_eligibility(event_id) ON DELETE CASCADE,
        CONSTRAINT event_eligible_students_student_id_fkey FOREIGN KEY (student_id) REFERENCES students(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX event_eligible_students_student_idx ON event_eligible_students (student_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_eligible_students`);
    await q.query(`DROP TABLE event_eligibility`);
    await q.query(`ALTER TABLE bookings DROP CONSTRAINT bookings_student_gap`);
    await q.query(`DROP TRIGGER bookings_set_gap_range ON bookings`);
    await q.query(`DROP FUNCTION bookings_set_gap_range()`);
    await q.query(`DROP FUNCTION booking_gap_range(timestamptz, timestamptz, integer)`);
    await q.query(`ALTER TABLE bookings DROP COLUMN gap_range`);
    await q.query(`ALTER TABLE events DROP CONSTRAINT events_booking_cutoff_minutes_check`);
    await q.query(`ALTER TABLE events DROP CONSTRAINT events_min_gap_minutes_check`);
    await q.query(`ALTER TABLE events DROP COLUMN booking_cutoff_minutes`);
    await q.query(`ALTER TABLE events DROP COLUMN min_gap_minutes`);
  }
}
