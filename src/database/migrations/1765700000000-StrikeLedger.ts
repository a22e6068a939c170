import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The no-show strike ledger (issue 12, src/strikes).
 *
 * - `strike_policy`: the office's one policy row (how many strikes block self-booking, over
 *   which period, what counts); `event_strike_policies`: per-event overrides, NULL = the office's.
 *   Seeded with 3 strikes in 120 days, no-shows counting; late cancellations count once the
 *   office (or an event) sets a window, `late_cancel_minutes`: the office opts in.
 * - `strike_entries`: an append-only ledger. A strike (a no-show, a late cancellation, or added
 *   by staff), an excuse of one strike, or a clear of everything before it; each row says who,
 *   when and why. A trigger refuses every UPDATE, DELETE and TRUNCATE issued against it; only
 *   the cascade of a student's erasure reaches it, one trigger level down. `booking_id` and
 *   `event_id` are history, not foreign keys: the line keeps naming them whatever happens later.
 * - Views: `event_strike_rules` (each event's effective policy), `active_strikes` (strikes
 *   neither excused nor cleared) and `strike_blocks` (the students at or over an event's limit),
 *   which the one-statement booking claim reads.
 */
export class StrikeLedger1765700000000 implements MigrationInterface {
  name = 'StrikeLedger1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE strike_policy (
        id boolean NOT NULL DEFAULT true,
        strike_limit smallint NOT NULL DEFAULT 3,
        period_days smallint,
        period_starts_at timestamptz,
        period_ends_at timestamptz,
        late_cancel_minutes integer NOT NULL DEFAULT 0,
        no_shows_count boolean NOT NULL DEFAULT true,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT strike_policy_pkey PRIMARY KEY (id),
        CONSTRAINT strike_policy_one_row CHECK (id),
        CONSTRAINT strike_policy_limit_check CHECK (strike_limit BETWEEN 0 AND 100),
        CONSTRAINT strike_policy_late_cancel_check CHECK (late_cancel_minutes BETWEEN 0 AND 20160),
        CONSTRAINT strike_policy_period_check CHECK (
          (period_days BETWEEN 1 AND 3660 AND period_starts_at IS NULL AND period_ends_at IS NULL)
          OR (period_days IS NULL AND period_starts_at IS NOT NULL AND period_ends_at > period_starts_at))
      )`);
    await q.query(`INSERT INTO strike_policy (id, strike_limit, period_days) VALUES (true, 3, 120)`);
    await q.query(`
      CREATE TABLE event_strike_policies (
        event_id uuid NOT NULL,
        strike_limit smallint,
        period_days smallint,
        period_starts_at timestamptz,
        period_ends_at timestamptz,
        late_cancel_minutes integer,
        no_shows_count boolean,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT event_strike_policies_pkey PRIMARY KEY (event_id),
        CONSTRAINT event_strike_policies_event_id_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT event_strike_policies_limit_check CHECK (strike_limit BETWEEN 0 AND 100),
        CONSTRAINT event_strike_policies_late_cancel_check CHECK (late_cancel_minutes BETWEEN 0 AND 20160),
        CONSTRAINT event_strike_policies_period_check CHECK (
          (period_days IS NULL OR (period_days BETWEEN 1 AND 3660 AND period_starts_at IS NULL))
          AND (period_starts_at IS NULL) = (period_ends_at IS NULL)
          AND (period_ends_at IS NULL OR period_ends_at > period_starts_at))
      )`);
    await q.query(`
      CREATE TABLE strike_entries (
        id bigserial NOT NULL,
        student_id uuid NOT NULL,
        kind varchar(16) NOT NULL,
        cause varchar(32),
        strike_id bigint,
        booking_id uuid,
        event_id uuid,
        occurred_at timestamptz NOT NULL,
        reason varchar(500) NOT NULL,
        recorded_by uuid,
        recorded_by_role varchar(16) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT strike_entries_pkey PRIMARY KEY (id),
        CONSTRAINT strike_entries_student_id_fkey FOREIGN KEY (student_id) REFERENCES students (id) ON DELETE CASCADE,
        CONSTRAINT strike_entries_strike_id_fkey FOREIGN KEY (strike_id) REFERENCES strike_entries (id) ON DELETE CASCADE,
        CONSTRAINT strike_entries_kind_check CHECK (kind IN ('strike', 'excuse', 'clear')),
        CONSTRAINT strike_entries_cause_check CHECK (cause IN ('no_show', 'late_cancellation', 'manual')),
        CONSTRAINT strike_entries_role_check CHECK (recorded_by_role IN ('staff', 'volunteer', 'student')),
        CONSTRAINT strike_entries_reason_check CHECK (length(reason) >= 1),
        CONSTRAINT strike_entries_shape_check CHECK (
          (kind = 'strike' AND cause IS NOT NULL AND strike_id IS NULL)
          OR (kind = 'excuse' AND cause IS NULL AND strike_id IS NOT NULL)
          OR (kind = 'clear' AND cause IS NULL AND strike_id IS NULL))
      )`);
    await q.query(`CREATE INDEX strike_entries_student_idx ON strike_entries (student_id, id)`);
    await q.query(`CREATE UNIQUE INDEX strike_entries_one_excuse ON strike_entries (strike_id) WHERE kind = 'excuse'`);
    await q.query(`CREATE INDEX strike_entries_booking_idx ON strike_entries (booking_id) WHERE booking_id IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION strike_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- A foreign key's cascade runs one trigger level down: a student's erasure takes their ledger with them.
        IF TG_OP <> 'TRUNCATE' AND pg_trigger_depth() > 1 THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        RAISE EXCEPTION 'strike_entries is append-only: record an excuse or a clear instead of %', TG_OP
          USING ERRCODE = 'insufficient_privilege', TABLE = 'strike_entries';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER strike_entries_append_only BEFORE UPDATE OR DELETE ON strike_entries
        FOR EACH ROW EXECUTE FUNCTION strike_entries_append_only()`);
    await q.query(`
      CREATE TRIGGER strike_entries_no_truncate BEFORE TRUNCATE ON strike_entries
        FOR EACH STATEMENT EXECUTE FUNCTION strike_entries_append_only()`);
    await q.query(`
      CREATE VIEW event_strike_rules AS
      SELECT e.id AS event_id,
             COALESCE(o.strike_limit, g.strike_limit) AS strike_limit,
             COALESCE(o.late_cancel_minutes, g.late_cancel_minutes) AS late_cancel_minutes,
             COALESCE(o.no_shows_count, g.no_shows_count) AS no_shows_count,
             CASE WHEN o.period_days IS NOT NULL THEN now() - make_interval(days => o.period_days)
                  WHEN o.period_starts_at IS NOT NULL THEN o.period_starts_at
                  WHEN g.period_days IS NOT NULL THEN now() - make_interval(days => g.period_days)
                  ELSE g.period_starts_at END AS window_from,
             CASE WHEN o.period_days IS NOT NULL THEN 'infinity'::timestamptz
                  WHEN o.period_starts_at IS NOT NULL THEN o.period_ends_at
                  WHEN g.period_days IS NOT NULL THEN 'infinity'::timestamptz
                  ELSE g.period_ends_at END AS window_to
        FROM events e CROSS JOIN strike_policy g LEFT JOIN event_strike_policies o ON o.event_id = e.id`);
    await q.query(`
      CREATE VIEW active_strikes AS
      SELECT x.id, x.student_id, x.cause, x.booking_id, x.event_id, x.occurred_at
        FROM strike_entries x
       WHERE x.kind = 'strike'
         AND NOT EXISTS (SELECT 1 FROM strike_entries y WHERE y.kind = 'excuse' AND y.strike_id = x.id)
         AND NOT EXISTS (SELECT 1 FROM strike_entries z WHERE z.kind = 'clear' AND z.student_id = x.student_id AND z.id > x.id)`);
    await q.query(`
      CREATE VIEW strike_blocks AS
      SELECT r.event_id, a.student_id, count(*)::int AS strikes, r.strike_limit
        FROM event_strike_rules r
        JOIN active_strikes a ON a.occurred_at >= r.window_from AND a.occurred_at < r.window_to
       WHERE r.strike_limit > 0
       GROUP BY r.event_id, a.student_id, r.strike_limit
      HAVING count(*) >= r.strike_limit`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW strike_blocks`);
    await q.query(`DROP VIEW active_strikes`);
    await q.query(`DROP VIEW event_strike_rules`);
    await q.query(`DROP TABLE strike_entries`);
    await q.query(`DROP FUNCTION strike_entries_append_only()`);
    await q.query(`DROP TABLE event_strike_policies`);
    await q.query(`DROP TABLE strike_policy`);
  }
}
