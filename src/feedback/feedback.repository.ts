import { Injectable } from '@nestjs/common';
import { Database, Tx } from '../database/database';
import { statement } from '../database/statement';
import type { RubricCriterion } from './entities/feedback.entity';

const RUBRIC = statement('feedback.rubric', `SELECT criteria FROM feedback_rubrics WHERE event_id = $1`, { criteria: 'jsonb' });
const PUT_RUBRIC = statement(
  'feedback.put-rubric',
  `INSERT INTO feedback_rubrics (event_id, criteria) VALUES ($1, $2)
   ON CONFLICT (event_id) DO UPDATE SET criteria = EXCLUDED.criteria, updated_at = now()`,
  {},
);

const FEEDBACK = statement(
  'feedback.of-booking',
  `SELECT f.booking_id, f.comment, f.submitted_at, f.updated_at,
          COALESCE((SELECT jsonb_object_agg(s.criterion, s.score) FROM feedback_scores s WHERE s.booking_id = f.booking_id), '{}'::jsonb) AS scores
     FROM interview_feedback f WHERE f.booking_id = $1`,
  { booking_id: 'uuid', comment: 'varchar', submitted_at: 'timestamptz', updated_at: 'timestamptz', scores: 'jsonb' },
);

/**
 * The first submission inserts; a later one updates (and the CHECK on updated_at refuses it after
 * 7 days). Locks the row, so the scores written next belong to this submission.
 */
const UPSERT = statement(
  'feedback.upsert',
  `INSERT INTO interview_feedback (booking_id, event_id, volunteer_id, comment) VALUES ($1, $2, $3, $4)
   ON CONFLICT (booking_id) DO UPDATE SET comment = EXCLUDED.comment, updated_at = now()
   RETURNING (xmax = 0) AS created`,
  { created: 'bool' },
);
/** The submission's scores replace the earlier ones: criteria it names are set, others removed. */
const PUT_SCORES = statement(
  'feedback.put-scores',
  `INSERT INTO feedback_scores (booking_id, criterion, score)
   SELECT $1, key, value::text::smallint FROM jsonb_each($2::jsonb)
   ON CONFLICT (booking_id, criterion) DO UPDATE SET score = EXCLUDED.score`,
  {},
);
const DROP_OTHER_SCORES = statement(
  'feedback.drop-other-scores',
  `DELETE FROM feedback_scores WHERE booking_id = $1 AND NOT criterion = ANY($2::varchar[])`,
  {},
);

/**
 * Confirmed interviews that have not been asked for feedback yet (or whose time moved since the
 * request was planned), ending no more than 7 days ago: each gets its request row, due at its
 * end. Reads `bookings` (a declared read model): the scheduler must see every new booking,
 * whichever path made it (first come, staff, the allocator, an offer).
 */
const PLAN_REQUESTS = statement(
  'feedback.plan-requests',
  `INSERT INTO feedback_requests (booking_id, due_at)
   SELECT b.id, b.ends_at
     FROM bookings b LEFT JOIN feedback_requests r ON r.booking_id = b.id
    WHERE b.status = 'confirmed' AND b.ends_at > now() - interval '7 days'
      AND (r.booking_id IS NULL OR (r.sent_at IS NULL AND r.due_at <> b.ends_at))
    -- One order for every worker planning at once, so their row locks never cross.
    ORDER BY b.ends_at, b.id
    LIMIT $1
   ON CONFLICT (booking_id) DO UPDATE SET due_at = EXCLUDED.due_at WHERE feedback_requests.sent_at IS NULL
   RETURNING booking_id, due_at`,
  { booking_id: 'uuid', due_at: 'timestamptz' },
);

/** Requests due for a while and still unsent (their job lost or given up): handed over again. */
const OVERDUE = statement(
  'feedback.overdue-requests',
  `SELECT booking_id, due_at FROM feedback_requests
    WHERE sent_at IS NULL AND due_at < now() - make_interval(secs => $1) AND due_at > now() - interval '7 days'
    ORDER BY due_at LIMIT $2`,
  { booking_id: 'uuid', due_at: 'timestamptz' },
);

const REQUEST = statement('feedback.request', `SELECT due_at, sent_at FROM feedback_requests WHERE booking_id = $1`, { due_at: 'timestamptz', sent_at: 'timestamptz?' });
const MARK_SENT = statement('feedback.mark-sent', `UPDATE feedback_requests SET sent_at = now() WHERE booking_id = $1 AND sent_at IS NULL`, {});

export interface StoredFeedback {
  comment: string;
  submittedAt: Date;
  updatedAt: Date;
  scores: Record<string, number>;
}

@Injectable()
export class FeedbackRepository {
  constructor(private readonly db: Database) {}

  async rubric(eventId: string): Promise<RubricCriterion[] | undefined> {
    const [row] = await this.db.run(RUBRIC, [eventId]);
    return row?.criteria as RubricCriterion[] | undefined;
  }

  async putRubric(eventId: string, criteria: RubricCriterion[]): Promise<void> {
    await this.db.run(PUT_RUBRIC, [eventId, JSON.stringify(criteria)]);
  }

  async feedback(bookingId: string): Promise<StoredFeedback | undefined> {
    const [row] = await this.db.run(FEEDBACK, [bookingId]);
    return row && { comment: row.comment, submittedAt: row.submitted_at, updatedAt: row.updated_at, scores: row.scores as Record<string, number> };
  }

  /** Writes the feedback and its scores in one transaction; true when it is the first time. */
  save(booking: { id: string; eventId: string; volunteerId: string }, comment: string, scores: Record<string, number>): Promise<boolean> {
    return this.db.transaction(async (tx: Tx) => {
      const [row] = await this.db.run(UPSERT, [booking.id, booking.eventId, booking.volunteerId, comment], tx);
      await this.db.run(DROP_OTHER_SCORES, [booking.id, Object.keys(scores)], tx);
      await this.db.run(PUT_SCORES, [booking.id, JSON.stringify(scores)], tx);
      return row.created;
    });
  }

  async planRequests(tx: Tx, limit: number): Promise<{ bookingId: string; dueAt: Date }[]> {
    return (await this.db.run(PLAN_REQUESTS, [limit], tx)).map((r) => ({ bookingId: r.booking_id, dueAt: r.due_at }));
  }

  async overdue(afterSeconds: number, limit: number): Promise<{ bookingId: string; dueAt: Date }[]> {
    return (await this.db.run(OVERDUE, [afterSeconds, limit])).map((r) => ({ bookingId: r.booking_id, dueAt: r.due_at }));
  }

  async request(bookingId: string): Promise<{ dueAt: Date; sentAt: Date | null } | undefined> {
    const [row] = await this.db.run(REQUEST, [bookingId]);
    return row && { dueAt: row.due_at, sentAt: row.sent_at };
  }

  async markSent(bookingId: string): Promise<void> {
    await this.db.run(MARK_SENT, [bookingId]);
  }
}
