import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Preference-based allocation (issue 3): per-event settings, students' ranked preferences,
 * runs and their assignments. Invariants here:
 * - one queued or running run per event, whichever worker or API process asks (partial unique index);
 * - a run's assignments give each slot once (primary key);
 * - a preference window closes after it opens.
 */
export class Allocation1764200000000 implements MigrationInterface {
  name = 'Allocation1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE allocation_settings (
        event_id uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
        preferences_open_at timestamptz,
        preferences_close_at timestamptz,
        preference_choices smallint NOT NULL DEFAULT 5 CHECK (preference_choices BETWEEN 1 AND 20),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT allocation_settings_window_order CHECK (preferences_close_at > preferences_open_at)
      )`);

    // Choices and unavailable times are read and replaced as a whole, always with the student row.
    await q.query(`
      CREATE TABLE allocation_preferences (
        event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        student_id uuid NOT NULL REFERENCES students (id) ON DELETE CASCADE,
        choices jsonb NOT NULL,
        unavailable jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, student_id),
        CONSTRAINT allocation_preferences_arrays
          CHECK (jsonb_typeof(choices) = 'array' AND jsonb_typeof(unavailable) = 'array')
      )`);

    await q.query(`
      CREATE TABLE allocation_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        status varchar(16) NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'running', 'completed', 'failed')),
        seed varchar(100) NOT NULL,
        progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        input_fingerprint char(64),
        algorithm varchar(100),
        result jsonb,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        published_at timestamptz,
        CONSTRAINT allocation_runs_completed_has_result
          CHECK (status <> 'completed' OR (result IS NOT NULL AND input_fingerprint IS NOT NULL)),
        CONSTRAINT allocation_runs_published_completed CHECK (published_at IS NULL OR status = 'completed')
      )`);
    await q.query(
      `CREATE UNIQUE INDEX allocation_runs_one_active ON allocation_runs (event_id) WHERE status IN ('queued', 'running')`,
    );
    await q.query(`CREATE INDEX allocation_runs_event_idx ON allocation_runs (event_id, created_at)`);

    await q.query(`
      CREATE TABLE allocation_assignments (
        run_id uuid NOT NULL REFERENCES allocation_runs (id) ON DELETE CASCADE,
        slot_id uuid NOT NULL,
        student_id uuid NOT NULL,
        volunteer_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        rank smallint NOT NULL CHECK (rank >= 1),
        booking_id uuid REFERENCES bookings (id) ON DELETE SET NULL,
        PRIMARY KEY (run_id, slot_id)
      )`);
    await q.query(`CREATE INDEX allocation_assignments_run_start_idx ON allocation_assignments (run_id, starts_at, slot_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['allocation_assignments', 'allocation_runs', 'allocation_preferences', 'allocation_settings']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
