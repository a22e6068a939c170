import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Interview feedback (issue 12, src/feedback).
 *
 * - `feedback_rubrics`: an event's criteria (an array of `{key, label}`; without a row the
 *   default rubric applies).
 * - `interview_feedback` + `feedback_scores`: one volunteer's feedback per booking (the primary
 *   key makes it once), scores 1-4 per criterion; editable for 7 days after it was first sent,
 *   which the database holds as a CHECK on `updated_at`.
 * - `feedback_requests`: when each booking's volunteer is due the mail asking for feedback and
 *   whether it went (once per booking).
 * - `job_outbox.run_at`: jobs committed now to run later (a delayed BullMQ job), used by the
 *   feedback requests; NULL runs at once as before.
 */
export class InterviewFeedback1765700000001 implements MigrationInterface {
  name = 'InterviewFeedback1765700000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE job_outbox ADD COLUMN run_at timestamptz`);
    await q.query(`
      CREATE TABLE feedback_rubrics (
        event_id uuid NOT NULL,
        criteria jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT feedback_rubrics_pkey PRIMARY KEY (event_id),
        CONSTRAINT feedback_rubrics_event_id_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT feedback_rubrics_criteria_check CHECK (jsonb_typeof(criteria) = 'array' AND jsonb_array_length(criteria) BETWEEN 1 AND 10)
      )`);
    await q.query(`
      CREATE TABLE interview_feedback (
        booking_id uuid NOT NULL,
        event_id uuid NOT NULL,
        volunteer_id uuid NOT NULL,
        comment varchar(2000) NOT NULL DEFAULT '',
        submitted_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT interview_feedback_pkey PRIMARY KEY (booking_id),
        CONSTRAINT interview_feedback_booking_id_fkey FOREIGN KEY (booking_id) REFERENCES bookings (id) ON DELETE CASCADE,
        CONSTRAINT interview_feedback_edit_window CHECK (updated_at <= submitted_at + interval '7 days')
      )`);
    await q.query(`CREATE INDEX interview_feedback_event_idx ON interview_feedback (event_id, volunteer_id)`);
    await q.query(`
      CREATE TABLE feedback_scores (
        booking_id uuid NOT NULL,
        criterion varchar(40) NOT NULL,
        score smallint NOT NULL,
        CONSTRAINT feedback_scores_pkey PRIMARY KEY (booking_id, criterion),
        CONSTRAINT feedback_scores_booking_id_fkey FOREIGN KEY (booking_id) REFERENCES interview_feedback (booking_id) ON DELETE CASCADE,
        CONSTRAINT feedback_scores_score_check CHECK (score BETWEEN 1 AND 4)
      )`);
    await q.query(`
      CREATE TABLE feedback_requests (
        booking_id uuid NOT NULL,
        due_at timestamptz NOT NULL,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT feedback_requests_pkey PRIMARY KEY (booking_id),
        CONSTRAINT feedback_requests_booking_id_fkey FOREIGN KEY (booking_id) REFERENCES bookings (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX feedback_requests_unsent_idx ON feedback_requests (due_at) WHERE sent_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE feedback_requests`);
    await q.query(`DROP TABLE feedback_scores`);
    await q.query(`DROP TABLE interview_feedback`);
    await q.query(`DROP TABLE feedback_rubrics`);
    await q.query(`ALTER TABLE job_outbox DROP COLUMN run_at`);
  }
}
