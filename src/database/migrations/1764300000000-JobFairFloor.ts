import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The job fair floor (issue 4): exhibitors, floor plans, check-in and attendance.
 *
 * A floor plan is stored as one versioned jsonb document (geometry is only ever read and
 * written whole) plus normalized rows for what other features and invariants need:
 * - a place label is unique in its event, an exhibitor holds at most one booth;
 * - a volunteer sits at one table at a time, and a table hosts one volunteer at a time
 *   (exclusion constraints over tstzrange);
 * - a student checks in once per event; a booking has at most one attendance mark.
 */
export class JobFairFloor1764300000000 implements MigrationInterface {
  name = 'JobFairFloor1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exhibitors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        organization varchar(200) NOT NULL,
        industries text[] NOT NULL DEFAULT '{}',
        roles text[] NOT NULL DEFAULT '{}',
        majors text[] NOT NULL DEFAULT '{}',
        website varchar(500),
        contact_name varchar(200),
        contact_email varchar(254),
        contact_phone varchar(50),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT exhibitors_event_organization_unique UNIQUE (event_id, organization)
      )`);

    await q.query(`
      CREATE TABLE floor_plans (
        event_id uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        document jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE floor_places (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES floor_plans (event_id) ON DELETE CASCADE,
        label varchar(40) NOT NULL,
        kind varchar(20) NOT NULL
          CHECK (kind IN ('booth', 'interview_table', 'check_in', 'entrance', 'exit', 'restroom')),
        hall_name varchar(100) NOT NULL,
        -- An exhibitor on the floor cannot be deleted; take it off the plan first.
        exhibitor_id uuid REFERENCES exhibitors (id) ON DELETE RESTRICT,
        CONSTRAINT floor_places_event_label_unique UNIQUE (event_id, label),
        CONSTRAINT floor_places_exhibitor_unique UNIQUE (exhibitor_id),
        CONSTRAINT floor_places_exhibitor_on_booth CHECK (exhibitor_id IS NULL OR kind = 'booth')
      )`);

    await q.query(`
      CREATE TABLE table_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        place_id uuid NOT NULL REFERENCES floor_places (id) ON DELETE CASCADE,
        volunteer_id uuid NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        CONSTRAINT table_assignments_time_order CHECK (ends_at > starts_at),
        CONSTRAINT table_assignments_volunteer_no_overlap
          EXCLUDE USING gist (event_id WITH =, volunteer_id WITH =, tstzrange(starts_at, ends_at) WITH &&),
        CONSTRAINT table_assignments_table_no_overlap
          EXCLUDE USING gist (place_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
      )`);

    await q.query(`
      CREATE TABLE check_in_codes (
        event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        student_id uuid NOT NULL REFERENCES students (id) ON DELETE CASCADE,
        code varchar(32) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, student_id),
        CONSTRAINT check_in_codes_code_unique UNIQUE (code)
      )`);

    await q.query(`
      CREATE TABLE check_ins (
        event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        student_id uuid NOT NULL REFERENCES students (id) ON DELETE CASCADE,
        checked_in_at timestamptz NOT NULL DEFAULT now(),
        checked_in_by uuid NOT NULL,
        PRIMARY KEY (event_id, student_id)
      )`);

    await q.query(`
      CREATE TABLE attendance (
        booking_id uuid PRIMARY KEY REFERENCES bookings (id) ON DELETE CASCADE,
        student_id uuid NOT NULL REFERENCES students (id) ON DELETE CASCADE,
        status varchar(16) NOT NULL CHECK (status IN ('attended', 'no_show')),
        marked_by uuid NOT NULL,
        marked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX attendance_student_idx ON attendance (student_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['attendance', 'check_ins', 'check_in_codes', 'table_assignments', 'floor_places', 'floor_plans', 'exhibitors']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
