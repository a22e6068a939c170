import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The platform spine. Invariants live here, not only in services:
 * - a slot is held by at most one confirmed booking (partial unique index);
 * - a student's confirmed bookings never overlap in time (exclusion constraint, btree_gist);
 * - a student holds booking numbers 1..maxBookingsPerStudent, each once per event, which
 *   makes the per-event limit a constraint too (see bookings/booking-claim.sql.ts);
 * - a volunteer's slots and availability windows never overlap.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`
      CREATE TABLE staff (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL CHECK (email = lower(email)),
        name varchar(200) NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT staff_email_unique UNIQUE (email)
      )`);

    await q.query(`
      CREATE TABLE events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        location varchar(300) NOT NULL DEFAULT '',
        timezone varchar(64) NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        booking_opens_at timestamptz NOT NULL,
        booking_closes_at timestamptz NOT NULL,
        slot_minutes smallint NOT NULL DEFAULT 30 CHECK (slot_minutes BETWEEN 5 AND 480),
        break_minutes smallint NOT NULL DEFAULT 0 CHECK (break_minutes BETWEEN 0 AND 240),
        max_bookings_per_student smallint NOT NULL DEFAULT 1
          CHECK (max_bookings_per_student BETWEEN 1 AND 50),
        status varchar(16) NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft', 'published', 'closed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_time_order CHECK (ends_at > starts_at),
        CONSTRAINT events_booking_window_order CHECK (booking_closes_at > booking_opens_at)
      )`);

    await q.query(`
      CREATE TABLE volunteers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL CHECK (email = lower(email)),
        name varchar(200) NOT NULL,
        organization varchar(200) NOT NULL DEFAULT '',
        title varchar(200) NOT NULL DEFAULT '',
        expertise text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT volunteers_email_unique UNIQUE (email)
      )`);
    await q.query(`CREATE INDEX volunteers_expertise_idx ON volunteers USING gin (expertise)`);

    await q.query(`
      CREATE TABLE students (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL CHECK (email = lower(email)),
        name varchar(200) NOT NULL,
        student_number varchar(64),
        major varchar(200),
        graduation_year smallint CHECK (graduation_year BETWEEN 1900 AND 2200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT students_email_unique UNIQUE (email)
      )`);
    await q.query(`CREATE INDEX students_name_idx ON students (lower(name))`);

    await q.query(`
      CREATE TABLE availability_windows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        volunteer_id uuid NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        CONSTRAINT availability_time_order CHECK (ends_at > starts_at),
        CONSTRAINT availability_no_overlap
          EXCLUDE USING gist (volunteer_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
      )`);
    await q.query(
      `CREATE INDEX availability_event_volunteer_idx ON availability_windows (event_id, volunteer_id)`,
    );

    await q.query(`
      CREATE TABLE slots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        volunteer_id uuid NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT slots_time_order CHECK (ends_at > starts_at),
        CONSTRAINT slots_no_overlap
          EXCLUDE USING gist (volunteer_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
      )`);
    await q.query(`CREATE INDEX slots_event_start_idx ON slots (event_id, starts_at, id)`);

    await q.query(`
      CREATE TABLE bookings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        slot_id uuid REFERENCES slots (id) ON DELETE SET NULL,
        volunteer_id uuid NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
        student_id uuid NOT NULL REFERENCES students (id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        booking_number smallint NOT NULL CHECK (booking_number >= 1),
        status varchar(16) NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'cancelled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz,
        -- A confirmed booking always has its slot; deleting a booked slot fails here.
        CONSTRAINT bookings_confirmed_has_slot CHECK (status <> 'confirmed' OR slot_id IS NOT NULL),
        CONSTRAINT bookings_cancelled_has_time
          CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
        CONSTRAINT bookings_student_no_overlap
          EXCLUDE USING gist (student_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
          WHERE (status = 'confirmed')
      )`);
    await q.query(
      `CREATE UNIQUE INDEX bookings_slot_confirmed_unique ON bookings (slot_id) WHERE status = 'confirmed'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX bookings_student_number_unique
         ON bookings (event_id, student_id, booking_number) WHERE status = 'confirmed'`,
    );
    await q.query(`CREATE INDEX bookings_student_idx ON bookings (student_id, starts_at)`);
    await q.query(`CREATE INDEX bookings_event_idx ON bookings (event_id, starts_at)`);

    await q.query(`
      CREATE TABLE magic_link_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL,
        principal_role varchar(16) NOT NULL CHECK (principal_role IN ('student', 'volunteer')),
        principal_id uuid NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT magic_link_tokens_hash_unique UNIQUE (token_hash)
      )`);
    await q.query(`CREATE INDEX magic_link_tokens_expiry_idx ON magic_link_tokens (expires_at)`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        principal_id uuid NOT NULL,
        key varchar(255) NOT NULL,
        request_hash char(64) NOT NULL,
        status_code smallint,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'idempotency_keys',
      'magic_link_tokens',
      'bookings',
      'slots',
      'availability_windows',
      'students',
      'volunteers',
      'events',
      'staff',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
